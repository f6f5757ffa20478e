import type { Judge } from '../../judge-options.js';
import type { SpecFolder } from '../../spec-folder/spec-folder.js';
import { fullTitle, type Verdict } from '../../verdict.js';
import { flakyTests, type RunResults, type TestResult } from './flaky-tests.js';

/** One app of the spec (the reference or a variant) and the runs of it already made (the check's own verdicts). */
export interface RepeatedApp {
  /** How reports name it: `reference/todo.html`, `variants/late-render.html`. */
  label: string;
  path: string;
  runs: RunResults[];
}

/** A verdict as one run's results: a test that failed and passed on its re-run counts as `flaky`, not as held. */
export function verdictResults(verdict: Verdict): RunResults {
  const results = new Map<string, TestResult>();
  const messages = new Map(verdict.failures.map((failure) => [fullTitle(failure), failure.message.split('\n')[0] ?? '']));
  for (const test of verdict.tests) {
    const title = fullTitle(test);
    const message = messages.get(title);
    results.set(title, { status: test.status, ...(message ? { message } : {}) });
  }
  for (const title of verdict.flaky) results.set(title, { status: 'flaky' });
  return results;
}

export interface RepeatOptions {
  spec: SpecFolder;
  judge: Judge;
  /** Runs per app in all, counting the ones each app already has. */
  repeat: number;
  apps: readonly RepeatedApp[];
  onProgress?: (message: string) => void;
}

/**
 * Runs each app until it has `repeat` runs (`extraRunsMs`: the time those added runs took, the flake check's cost) and reports every test whose outcome changed between them (a flaky test
 * is a spec defect), plus every failure of a variant in a run after its first (the variant check reports the first).
 */
export async function repeatRuns(options: RepeatOptions): Promise<{ problems: string[]; extraRunsMs: number }> {
  const started = performance.now();
  const problems: string[] = [];
  for (const app of options.apps) {
    const runs = [...app.runs];
    while (runs.length < options.repeat) {
      options.onProgress?.(`flake check: ${app.label}, run ${runs.length + 1} of ${options.repeat}`);
      const verdict = await options.judge.run({ spec: options.spec, artifact: app.path, trace: 'off' });
      runs.push(verdictResults(verdict));
    }
    problems.push(...flakyTests(app.label, runs));
  }
  return { problems, extraRunsMs: performance.now() - started };
}
