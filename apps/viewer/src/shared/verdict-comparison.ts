import type { TestOutcome, Verdict } from './run-schemas.js';

/** A test's identity across rounds: its file, describe path and title. */
export function testKey(test: Pick<TestOutcome, 'file' | 'describePath' | 'title'>): string {
  return [test.file, ...test.describePath, test.title].join(' › ');
}

const FAILING = new Set(['failed', 'timedOut', 'interrupted']);

function statuses(verdict: Verdict): Map<string, string> {
  return new Map(verdict.tests.map((test) => [testKey(test), test.status]));
}

export interface VerdictComparison {
  fixed: string[];
  broken: string[];
  stillFailing: string[];
}

/**
 * Fixed / broken / still failing against an earlier verdict. A judge error is neither a pass nor a
 * failure, so a test that was or is unjudged counts in none of the three.
 */
export function compareVerdicts(current: Verdict, earlier: Verdict): VerdictComparison {
  const before = statuses(earlier);
  const comparison: VerdictComparison = { fixed: [], broken: [], stillFailing: [] };
  for (const [key, status] of statuses(current)) {
    const old = before.get(key);
    if (old === undefined) continue;
    if (FAILING.has(old) && status === 'passed') comparison.fixed.push(key);
    else if (old === 'passed' && FAILING.has(status)) comparison.broken.push(key);
    else if (FAILING.has(old) && FAILING.has(status)) comparison.stillFailing.push(key);
  }
  return comparison;
}

/** The earlier verdict with the most tests passed (the first of equals), if any. */
export function bestEarlier<ITEM extends { verdict?: Verdict | undefined }>(earlier: readonly ITEM[]): ITEM | undefined {
  let best: ITEM | undefined;
  for (const item of earlier) {
    if (item.verdict && (!best?.verdict || item.verdict.passed > best.verdict.passed)) best = item;
  }
  return best;
}

export interface TestGroup {
  name: string;
  tests: TestOutcome[];
  failed: number;
}

/** Tests grouped as the spec groups them: by their describe blocks, else by file. */
export function groupTests(tests: readonly TestOutcome[]): TestGroup[] {
  const groups = new Map<string, TestOutcome[]>();
  for (const test of tests) {
    const name = test.describePath.length > 0 ? test.describePath.join(' › ') : test.file || '(no group)';
    groups.set(name, [...(groups.get(name) ?? []), test]);
  }
  return [...groups.entries()].map(([name, members]) => ({ name, tests: members, failed: members.filter((test) => FAILING.has(test.status)).length }));
}

/**
 * What a verdict means, by the rule of `verdictOutcome` in @ndli/ralph (not imported: the UI bundle must not
 * pull in Playwright). red: the app failed a test; judge-error: nothing failed but not everything was judged.
 */
export function verdictOutcome(verdict: Pick<Verdict, 'failed' | 'failures' | 'judgeErrors' | 'runErrors' | 'total'>): 'green' | 'red' | 'judge-error' {
  if (verdict.failed > 0 || verdict.failures.length > 0) return 'red';
  if (verdict.judgeErrors.length > 0 || verdict.runErrors.length > 0 || verdict.total === 0) return 'judge-error';
  return 'green';
}
