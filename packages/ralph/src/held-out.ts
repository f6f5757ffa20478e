import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { HeldOut } from './spec-folder/spec-folder.js';
import { fullTitle, testKey, type Failure, type JudgeError, type TestOutcome, type Verdict } from './verdict.js';

/**
 * Held-out tests: a spec's tests the loop judges every round but never shows the model (FIX blockers,
 * GENERATE prompts, pitfalls). A verdict is split into its visible and held-out parts, each a verdict of
 * its own with its own pass rate; the full verdict (verdict.json) keeps every test with its tags.
 */

/** Spec-relative path of a test file: `tests/x.spec.ts` (a verdict names files relative to tests/). */
function specRelative(file: string): string {
  return `tests/${file.replace(/\\/g, '/')}`;
}

/** Whether a test is held out: its tags include the spec's tag, or its file is listed. */
export function isHeldOut(test: Pick<TestOutcome, 'file' | 'tags'>, heldOut: HeldOut | undefined): boolean {
  if (heldOut === undefined) return false;
  if (heldOut.tag !== undefined && (test.tags ?? []).includes(heldOut.tag)) return true;
  return heldOut.files?.includes(specRelative(test.file)) ?? false;
}

function testFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return testFiles(path);
    return entry.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * What is wrong with a spec folder's held-out declaration: a listed file that does not exist, or a tag no
 * test file uses (an empty held-out set would measure nothing and hide that it does).
 */
export function heldOutProblems(specDirectory: string, heldOut: HeldOut): string[] {
  const problems = (heldOut.files ?? []).filter((file) => !existsSync(join(specDirectory, file))).map((file) => `spec.json heldOut.files: ${file} does not exist`);
  if (heldOut.tag !== undefined) {
    const tag = heldOut.tag;
    const used = testFiles(join(specDirectory, 'tests')).some((path) => readFileSync(path, 'utf8').includes(tag));
    if (!used) problems.push(`spec.json heldOut.tag: no test in tests/ is tagged ${tag} (declare one as test('title', { tag: '${tag}' }, async …))`);
  }
  return problems;
}

const key = testKey;

/** The part of a verdict made of the chosen tests, its figures recounted as buildVerdict counts them. */
function part(verdict: Verdict, keep: (test: TestOutcome) => boolean, runErrors: readonly string[]): Verdict {
  const tests = verdict.tests.filter(keep);
  const kept = new Set(tests.map(key));
  const failures: Failure[] = verdict.failures.filter((failure) => kept.has(key(failure)));
  const judgeErrors: JudgeError[] = verdict.judgeErrors.filter((error) => kept.has(key(error)));
  const failing = new Set([...failures, ...judgeErrors].map(key));
  // A skip on purpose (test.skip) is neither a failure nor counted in the total.
  const skippedOnPurpose = tests.filter((test) => test.status === 'skipped' && !failing.has(key(test))).length;
  const keptTitles = new Set(tests.map(fullTitle));
  const flaky = verdict.flaky.filter((title) => keptTitles.has(title));
  return {
    ...verdict,
    tests,
    failures,
    judgeErrors,
    flaky,
    runErrors: [...runErrors],
    total: tests.length - skippedOnPurpose,
    passed: tests.filter((test) => test.status === 'passed').length,
    failed: failures.length,
    skipped: tests.filter((test) => test.status === 'skipped').length,
  };
}

export interface VerdictParts {
  /** The tests the loop may see: FIX blockers and selection come from here. */
  visible: Verdict;
  /** The held-out tests; undefined when the spec holds none out. */
  heldOut: Verdict | undefined;
}

/** Splits a verdict into its visible and held-out parts (run errors stay with the visible part). */
export function partitionVerdict(verdict: Verdict, heldOut: HeldOut | undefined): VerdictParts {
  if (heldOut === undefined) return { visible: verdict, heldOut: undefined };
  return {
    visible: part(verdict, (test) => !isHeldOut(test, heldOut), verdict.runErrors),
    heldOut: part(verdict, (test) => isHeldOut(test, heldOut), []),
  };
}
