import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LOAD_HANG_MARKER } from './app-fixture/judge-environment.js';
import { checkArtifact } from './artifact.js';
import { resolveBrowser } from './browser.js';
import { JudgeClosedError, RunAbortedError } from './errors.js';
import type { JudgeProgress } from './judge-progress.js';
import { defaultJudgeWorkers, type Judge, type JudgeOptions, type JudgeRunOptions, type RunSpecsOptions } from './judge-options.js';
import { judgeProfile, rerunTrace } from './judge-profile.js';
import { DEFAULT_RERUN_LIMIT, mergeRerun, rerunTitles } from './merge-rerun.js';
import { lockOutputDirectory } from './output-directory-lock.js';
import { rerunWorkers } from './rerun-workers.js';
import { runPass } from './run-pass.js';
import { resolveSandbox } from './sandbox.js';
import { loadSpec, type SpecFolder } from './spec-folder/spec-folder.js';
import type { Verdict } from './verdict.js';

/** Sub-directory of a run's output where the re-run of the failed tests keeps its report and traces. */
export const RERUN_DIRECTORY = 'rerun';

function resolveSpec(options: JudgeRunOptions): SpecFolder {
  return typeof options.spec === 'string' ? loadSpec(options.spec, options) : options.spec;
}

/**
 * Creates a judge: settings shared by many runs (the orchestrator's rounds). Resolves the browser now, so a
 * missing browser fails here. Each run's Playwright workers launch their own browser through a pipe: a
 * headless shell starts in ~0.2 s, and a browser server shared over WebSocket (tried) made every test
 * slower than that launch saves.
 */
export function createJudge(options: JudgeOptions = {}): Judge {
  const browser = resolveBrowser(options.browser);
  const workers = Math.max(1, options.workers ?? defaultJudgeWorkers());
  const timeoutMs = options.timeoutMs ?? 300_000;
  const profile = judgeProfile(options.behaviour);
  let closed = false;

  async function run(runOptions: JudgeRunOptions): Promise<Verdict> {
    if (closed) throw new JudgeClosedError();
    // Named errors for a bad spec or artifact come before any browser or process starts.
    const spec = resolveSpec(runOptions);
    const artifact = checkArtifact(runOptions.artifact, runOptions.cwd);
    if (runOptions.signal?.aborted) throw new RunAbortedError(runOptions.signal.reason);

    const outputDirectory = runOptions.outputDirectory
      ? resolve(runOptions.cwd ?? process.cwd(), runOptions.outputDirectory)
      : mkdtempSync(join(tmpdir(), `ndli-ralph-${spec.name}-`));
    mkdirSync(outputDirectory, { recursive: true });
    // Two judges in one directory would delete each other's artifacts mid-run (Playwright empties its outputDir).
    const release = await lockOutputDirectory(outputDirectory);
    try {
      for (const stale of ['report.json', 'verdict.json', 'progress.jsonl', LOAD_HANG_MARKER, 'diagnostics', RERUN_DIRECTORY]) {
        rmSync(join(outputDirectory, stale), { force: true, recursive: true });
      }
      const started = performance.now();
      const report = (passName: JudgeProgress['pass']) => (line: { done: number; total: number; failed: number }) =>
        runOptions.onProgress?.({ ...line, pass: passName, elapsedMs: Math.round(performance.now() - started) });
      const trace = runOptions.trace ?? options.trace ?? 'retain-on-failure';
      const maxFailures = runOptions.maxFailures ?? 0;
      const shared = {
        spec,
        artifact,
        browser,
        sandbox: await resolveSandbox(browser.executablePath),
        profile,
        runDirectory: outputDirectory,
        timeoutMs,
        ...(options.timeouts ? { timeouts: options.timeouts } : {}),
        ...(runOptions.signal ? { signal: runOptions.signal } : {}),
      };
      const first = await runPass({
        ...shared,
        directory: outputDirectory,
        trace: profile.firstPassTrace(trace),
        workers,
        maxFailures,
        ...(runOptions.tests ? { tests: runOptions.tests } : {}),
        onLine: report('run'),
      });
      let verdict = first;
      // The re-run: traces of the failures, the flaky signal, and a second chance for a harness error. A run that
      // stops at its first failure (maxFailures) only asks whether the suite catches a bug: judge errors only.
      const rerunLimit = runOptions.rerunLimit ?? options.rerunLimit ?? DEFAULT_RERUN_LIMIT;
      const again = !profile.rerunFailures || runOptions.rerunFailures === false ? [] : rerunTitles(first, maxFailures > 0 ? 0 : rerunLimit);
      if (again.length > 0) {
        const second = await runPass({
          ...shared,
          directory: join(outputDirectory, RERUN_DIRECTORY),
          trace: rerunTrace(trace),
          workers: rerunWorkers(again.length, workers, availableParallelism()),
          maxFailures: 0,
          tests: again,
          onLine: report('rerun'),
        });
        verdict = mergeRerun(first, second);
      }
      writeFileSync(join(outputDirectory, 'verdict.json'), `${JSON.stringify(verdict, null, 2)}\n`);
      return verdict;
    } finally {
      await release();
    }
  }

  return {
    browser,
    run,
    close: async () => {
      closed = true;
    },
  };
}

/** One-shot judging: validates spec and artifact, runs the spec's tests, returns the verdict. */
export async function runSpecs(options: RunSpecsOptions): Promise<Verdict> {
  // Fail on a bad spec or artifact before resolving or launching any browser.
  const spec = resolveSpec(options);
  checkArtifact(options.artifact, options.cwd);
  const judge = createJudge(options);
  try {
    return await judge.run({ ...options, spec });
  } finally {
    await judge.close();
  }
}
