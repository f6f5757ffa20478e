import { fullTitle, testKey, type Failure, type JudgeError, type TestOutcome, type Verdict } from './verdict.js';

const LOAD_HANG = /The app never finished loading/;


const key = testKey;

/**
 * Failures re-run by default. Each re-run of a failure costs its wait for the expected state again (the expect
 * timeout) plus tracing: an app failing half of a suite would pay its failures twice. Past this many, the re-run
 * takes a sample that still gives every failing group (a FIX blocker) a trace; the rest keep their first failure.
 */
export const DEFAULT_RERUN_LIMIT = 12;

/** Up to `limit` failures, taken in turn from each describe block (block order, then test order within it). */
function sampleAcrossGroups(failures: readonly Failure[], limit: number): Failure[] {
  const groups = new Map<string, Failure[]>();
  for (const failure of failures) {
    const group = [failure.file, ...failure.describePath].join(' › ');
    groups.set(group, [...(groups.get(group) ?? []), failure]);
  }
  const queues = [...groups.values()];
  const chosen: Failure[] = [];
  for (let round = 0; chosen.length < limit && queues.some((queue) => queue.length > round); round += 1) {
    for (const queue of queues) {
      const next = queue[round];
      if (next && chosen.length < limit) chosen.push(next);
    }
  }
  return chosen;
}

/**
 * The tests a re-run pass takes: every judge error (a second chance: a harness error is never the app's), and the
 * failures — all of them up to `limit` (for their traces and the flaky signal), else a sample across groups.
 */
export function rerunTitles(verdict: Pick<Verdict, 'failures' | 'judgeErrors'>, limit = DEFAULT_RERUN_LIMIT): string[] {
  // A test that never ran (wall-clock limit) or was interrupted would only hit the same limit again; an app that
  // never finished loading fails every test at once by the shared marker, with nothing more to show.
  const failed = verdict.failures.filter((failure) => (failure.status === 'failed' || failure.status === 'timedOut') && !LOAD_HANG.test(failure.message));
  const taken = failed.length <= limit ? failed : sampleAcrossGroups(failed, limit);
  return [...new Set([...taken, ...verdict.judgeErrors].map(fullTitle))];
}

/**
 * The verdict after re-running failed tests and judge errors once (with traces on). A failure that passes again
 * is flaky: passed, and listed in `flaky`. A judge error that fails the same way stays a judge error; one that now
 * fails on the app's account is a failure; one that passes is a pass. A failure that fails again is the re-run's
 * failure (it carries the trace). A failure whose re-run hits a harness error keeps the first failure.
 */
export function mergeRerun(first: Verdict, rerun: Verdict): Verdict {
  const rerunTests = new Map(rerun.tests.map((test) => [key(test), test]));
  const rerunFailures = new Map(rerun.failures.map((failure) => [key(failure), failure]));
  const firstFailures = new Map(first.failures.map((failure) => [key(failure), failure]));
  const firstJudgeErrors = new Map(first.judgeErrors.map((error) => [key(error), error]));
  const rerunJudgeErrors = new Map(rerun.judgeErrors.map((error) => [key(error), error]));

  const tests: TestOutcome[] = [];
  const failures: Failure[] = [];
  const judgeErrors: JudgeError[] = [];
  const flaky: string[] = [];
  for (const test of first.tests) {
    const id = key(test);
    const again = rerunTests.get(id);
    const firstFailure = firstFailures.get(id);
    const firstJudgeError = firstJudgeErrors.get(id);
    if (!again || (!firstFailure && !firstJudgeError)) {
      tests.push(test);
      if (firstFailure) failures.push(firstFailure);
      if (firstJudgeError) judgeErrors.push(firstJudgeError);
      continue;
    }
    if (again.status === 'passed') {
      if (firstFailure) flaky.push(fullTitle(test));
      tests.push({ ...test, status: 'passed' });
      continue;
    }
    const againFailure = rerunFailures.get(id);
    const againJudgeError = rerunJudgeErrors.get(id);
    if (againFailure) {
      tests.push({ ...test, status: againFailure.status, durationMs: again.durationMs });
      failures.push(againFailure);
    } else if (firstFailure) {
      tests.push(test);
      failures.push(firstFailure);
    } else if (againJudgeError) {
      tests.push({ ...test, status: 'judge-error' });
      judgeErrors.push(againJudgeError);
    } else {
      // Skipped on its re-run (e.g. a conditional skip): the first pass's judge error stands.
      tests.push(test);
      if (firstJudgeError) judgeErrors.push(firstJudgeError);
    }
  }
  return {
    ...first,
    passed: tests.filter((test) => test.status === 'passed').length,
    failed: failures.length,
    durationMs: first.durationMs + rerun.durationMs,
    tests,
    failures,
    judgeErrors,
    flaky: [...first.flaky, ...flaky],
    runErrors: [...first.runErrors, ...rerun.runErrors.map((error) => `re-run of the failed tests: ${error}`)],
  };
}
