/** What one run says of one test: its status, and the first line of why it failed. */
export interface TestResult {
  status: string;
  /** Why it failed (first line), when it did. */
  message?: string;
}

/** One run of one app: full title (`describe › … › title`) → result. */
export type RunResults = ReadonlyMap<string, TestResult>;

/** A status that means the test held; everything else (failed, timed out, flaky within the run) did not. */
const HELD = new Set(['passed', 'skipped']);

function runList(runs: readonly number[]): string {
  const numbers = runs.map((run) => String(run + 1));
  return `${runs.length === 1 ? 'run' : 'runs'} ${numbers.length > 1 ? `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1) ?? ''}` : (numbers[0] ?? '')}`;
}

/**
 * The tests whose outcome changes between runs of the same app: each a spec defect (the test races the app, or
 * depends on timing), named with the runs where it failed and why. A test held in no run is not flaky: it fails.
 */
export function flakyTests(app: string, runs: readonly RunResults[]): string[] {
  const titles = [...new Set(runs.flatMap((run) => [...run.keys()]))].sort();
  const problems: string[] = [];
  for (const title of titles) {
    const results = runs.map((run) => run.get(title));
    const held = results.flatMap((result, index) => (result && HELD.has(result.status) ? [index] : []));
    const failed = results.flatMap((result, index) => (result && !HELD.has(result.status) ? [index] : []));
    if (held.length === 0 || failed.length === 0) continue;
    const [first] = failed;
    const why = first === undefined ? undefined : results[first];
    const status = why?.status === 'flaky' ? "failed, then passed on the judge's re-run" : (why?.status ?? '');
    const detail = `${status}${why?.message ? `: ${why.message}` : ''}`;
    problems.push(`flaky on ${app}: "${title}" held in ${runList(held)} but not in ${runList(failed)} (${detail})`);
  }
  return problems;
}
