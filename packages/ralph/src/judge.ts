import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { PLAYWRIGHT_CLI } from './playwright-cli.js';
import { checkArtifact } from './artifact.js';
import { BASE_CHROMIUM_ARGS, CHROMIUM_ARGS, resolveBrowser, type BrowserChoice, type BrowserOptions } from './browser.js';
import { buildVerdict } from './build-verdict.js';
import { JudgeClosedError, PlaywrightRunError, ReportInvalidError, RunAbortedError } from './errors.js';
import { followProgress, type JudgeProgress } from './judge-progress.js';
import { DEFAULT_RERUN_LIMIT, mergeRerun, rerunTitles } from './merge-rerun.js';
import { lockOutputDirectory } from './output-directory-lock.js';
import { DEFAULT_TIMEOUTS, renderPlaywrightConfig, type PassTrace, type TraceMode } from './playwright-config.js';
import { rerunWorkers } from './rerun-workers.js';
import { resolveSandbox } from './sandbox.js';
import { PlaywrightReportSchema } from './playwright-report.js';
import { ARTIFACT_ENV, LOAD_HANG_MARKER, RUN_DIRECTORY_ENV } from './app-fixture/judge-environment.js';
import { loadSpec, type SpecFolder, type SpecLookupOptions } from './spec-folder/spec-folder.js';
import type { Verdict } from './verdict.js';

export interface JudgeOptions {
  browser?: BrowserOptions;
  /** Playwright workers (default: min(2, cores)). */
  workers?: number;
  /** Traces of failed tests (default 'retain-on-failure': actions, console, network, recorded on their re-run; see TraceMode). */
  trace?: TraceMode;
  /**
   * Wall-clock limit of one run; the run ends with a report (unfinished tests fail as not run). Default 300 s:
   * an app that fails every calculator test needs ~190 s on a 2-core machine (each failure replaces a
   * Playwright worker), and its verdict should still be complete.
   */
  timeoutMs?: number;
  /** Per-test limits (defaults: test 5 s, expect 1 s, action 2 s, navigation 3 s). Raise them on a loaded machine. */
  timeouts?: Partial<Record<keyof typeof DEFAULT_TIMEOUTS, number>>;
  /**
   * `current` (default): one context per worker with the app re-opened per test, no tracing on the first pass, the
   * failed tests re-run with traces. `previous`: a new context per test, every test traced, no re-run (for
   * `pnpm bench:ralph`'s comparison; also set by NDLI_JUDGE_BEHAVIOUR=previous).
   */
  behaviour?: JudgeBehaviour;
  /** Failures re-run with traces at most (default DEFAULT_RERUN_LIMIT; past it, a sample across describe blocks). */
  rerunLimit?: number;
}

export type JudgeBehaviour = 'current' | 'previous';
/** Environment variable choosing the judge's default behaviour (`previous`), e.g. for a cold `ndli test` in the bench. */
export const JUDGE_BEHAVIOUR_ENV = 'NDLI_JUDGE_BEHAVIOUR';
/** Sub-directory of a run's output where the re-run of the failed tests keeps its report and traces. */
export const RERUN_DIRECTORY = 'rerun';

interface PassSettings {
  /** Where this pass's config, report, progress and results go. */
  directory: string;
  /** The judge run's directory (diagnostics, the load-hang marker): shared by both passes. */
  runDirectory: string;
  trace: PassTrace;
  workers: number;
  maxFailures: number;
  tests?: readonly string[];
}

export interface JudgeRunOptions extends SpecLookupOptions {
  /** A loaded spec folder, or a name/path for loadSpec. */
  spec: SpecFolder | string;
  /** Path of the HTML artifact to judge. */
  artifact: string;
  /** Where verdict.json, report.json, screenshots and traces go (default: a new temp directory). */
  outputDirectory?: string;
  signal?: AbortSignal;
  /**
   * Stop after this many failed tests (default: run every test). For "does the suite catch this
   * bug?" one failure answers the question; a FIX round needs them all.
   */
  maxFailures?: number;
  /** Overrides the judge's trace setting for this run. */
  trace?: TraceMode;
  /** Re-run the failed tests once with traces (default true; see JudgeOptions.behaviour). */
  rerunFailures?: boolean;
  /** Overrides the judge's rerunLimit for this run. */
  rerunLimit?: number;
  /** Live progress while Playwright runs: tests done of total, failures so far. */
  onProgress?: (progress: JudgeProgress) => void;
  /**
   * Run only these tests, by full title (`describe › … › title`, as failures and FIX blockers name them).
   * Unknown titles select nothing; a run that selects no test at all is an error.
   */
  tests?: readonly string[];
}

export interface Judge {
  readonly browser: BrowserChoice;
  /** Runs the spec's Playwright tests against the artifact and returns the verdict (also written to verdict.json). */
  run(options: JudgeRunOptions): Promise<Verdict>;
  /** Ends the judge: later runs throw JudgeClosedError. */
  close(): Promise<void>;
}

/** The judge's Playwright workers unless told otherwise: one per core, at most two. */
export function defaultJudgeWorkers(): number {
  return Math.min(2, availableParallelism());
}

/** Extra time after Playwright's own globalTimeout before ralph kills the process outright. */
const KILL_GRACE_MS = 10_000;

function withSourceCondition(nodeOptions: string | undefined): string {
  const flag = '--conditions=@ndli/source';
  return nodeOptions?.includes(flag) ? nodeOptions : [nodeOptions, flag].filter(Boolean).join(' ');
}

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
  const behaviour = options.behaviour ?? (process.env[JUDGE_BEHAVIOUR_ENV] === 'previous' ? 'previous' : 'current');
  let closed = false;

  async function pass(spec: SpecFolder, artifact: string, settings: PassSettings, runOptions: JudgeRunOptions, onLine: (line: { done: number; total: number; failed: number }) => void): Promise<Verdict> {
    const { directory } = settings;
    mkdirSync(directory, { recursive: true });
    const reportFile = join(directory, 'report.json');
    const configFile = join(directory, 'playwright.config.mjs');
    const progressFile = join(directory, 'progress.jsonl');
    const sandbox = await resolveSandbox(browser.executablePath);
    writeFileSync(
      configFile,
      renderPlaywrightConfig({
        testsDirectory: spec.testsDirectory,
        reportFile,
        progressFile,
        resultsDirectory: join(directory, 'results'),
        workers: settings.workers,
        executablePath: browser.executablePath,
        globalTimeoutMs: timeoutMs,
        trace: settings.trace,
        isolation: behaviour === 'previous' ? 'new-context' : 'reopen',
        keepWorkerOnFailure: behaviour !== 'previous' && settings.maxFailures === 0,
        chromiumArgs: behaviour === 'previous' ? BASE_CHROMIUM_ARGS : CHROMIUM_ARGS,
        mapOnlyOwnStackFrames: behaviour !== 'previous',
        chromiumSandbox: sandbox.osSandbox,
        maxFailures: settings.maxFailures,
        ...(settings.tests ? { onlyTests: settings.tests } : {}),
        ...DEFAULT_TIMEOUTS,
        ...options.timeouts,
      }),
    );

    const started = performance.now();
    const progress = followProgress(progressFile, onLine);
    const result = await execa(process.execPath, [PLAYWRIGHT_CLI, 'test', '--config', configFile], {
      cwd: spec.directory,
      env: {
        [ARTIFACT_ENV]: artifact,
        [RUN_DIRECTORY_ENV]: settings.runDirectory,
        NODE_OPTIONS: withSourceCondition(process.env.NODE_OPTIONS),
        // A caller's own Playwright settings must not leak into the judge's run.
        PW_TEST_REUSE_CONTEXT: undefined,
        PW_TEST_CONNECT_WS_ENDPOINT: undefined,
      },
      reject: false,
      timeout: timeoutMs + KILL_GRACE_MS,
      // SIGINT lets Playwright stop its workers and still write the JSON report; SIGKILL follows if it does not.
      killSignal: 'SIGINT',
      forceKillAfterDelay: 10_000,
      ...(runOptions.signal ? { cancelSignal: runOptions.signal } : {}),
      stdin: 'ignore',
    }).finally(progress.stop);
    const durationMs = performance.now() - started;
    if (result.isCanceled) throw new RunAbortedError(runOptions.signal?.reason);

    if (!existsSync(reportFile)) {
      const why = result.timedOut ? `it was killed after the ${Math.round((timeoutMs + KILL_GRACE_MS) / 1000)} s wall-clock limit` : `it exited with code ${String(result.exitCode)}`;
      throw new PlaywrightRunError(`Playwright wrote no report for spec "${spec.name}": ${why}.`, {
        exitCode: result.exitCode,
        stdout: String(result.stdout ?? ''),
        stderr: String(result.stderr ?? ''),
      });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(reportFile, 'utf8'));
    } catch (error) {
      throw new ReportInvalidError(reportFile, [`not JSON: ${String(error)}`]);
    }
    const parsed = PlaywrightReportSchema.safeParse(raw);
    if (!parsed.success) throw new ReportInvalidError(reportFile, parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));

    const verdict = buildVerdict(parsed.data, {
      spec: spec.name,
      artifact,
      testsDirectory: spec.testsDirectory,
      browser,
      outputDirectory: settings.runDirectory,
      durationMs,
    });
    if (verdict.total + verdict.skipped === 0) {
      throw new PlaywrightRunError(`Playwright ran no tests for spec "${spec.name}"${verdict.runErrors.length > 0 ? `: ${verdict.runErrors.join('; ')}` : ''}.`, {
        exitCode: result.exitCode,
        stdout: String(result.stdout ?? ''),
        stderr: String(result.stderr ?? ''),
      });
    }
    return { ...verdict, sandbox };
  }

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
      const first = await pass(
        spec,
        artifact,
        { directory: outputDirectory, runDirectory: outputDirectory, trace: behaviour === 'previous' ? trace : 'off', workers, maxFailures, ...(runOptions.tests ? { tests: runOptions.tests } : {}) },
        runOptions,
        report('run'),
      );
      let verdict = first;
      // The re-run: traces of the failures, the flaky signal, and a second chance for a harness error. A run that
      // stops at its first failure (maxFailures) only asks whether the suite catches a bug: judge errors only.
      const rerunLimit = runOptions.rerunLimit ?? options.rerunLimit ?? DEFAULT_RERUN_LIMIT;
      const again = behaviour === 'previous' || runOptions.rerunFailures === false ? [] : rerunTitles(first, maxFailures > 0 ? 0 : rerunLimit);
      if (again.length > 0) {
        const rerunTrace = trace === 'off' ? 'off' : trace === 'retain-on-failure-with-snapshots' ? 'on-with-snapshots' : 'on';
        const second = await pass(spec, artifact, { directory: join(outputDirectory, RERUN_DIRECTORY), runDirectory: outputDirectory, trace: rerunTrace, workers: rerunWorkers(again.length, workers, availableParallelism()), maxFailures: 0, tests: again }, runOptions, report('rerun'));
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

export interface RunSpecsOptions extends JudgeRunOptions, JudgeOptions {}

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
