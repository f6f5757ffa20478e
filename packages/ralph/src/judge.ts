import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import { checkArtifact } from './artifact.js';
import { resolveBrowser, type BrowserChoice, type BrowserOptions } from './browser.js';
import { buildVerdict } from './build-verdict.js';
import { JudgeClosedError, PlaywrightRunError, ReportInvalidError, RunAbortedError } from './errors.js';
import { DEFAULT_TIMEOUTS, renderPlaywrightConfig, type TraceMode } from './playwright-config.js';
import { PlaywrightReportSchema } from './playwright-report.js';
import { ARTIFACT_ENV, LOAD_HANG_MARKER, RUN_DIRECTORY_ENV } from './spec/app-fixture.js';
import { loadSpec, type SpecFolder, type SpecLookupOptions } from './spec-folder.js';
import type { Verdict } from './verdict.js';

export interface JudgeOptions {
  browser?: BrowserOptions;
  /** Playwright workers (default: min(2, cores)). */
  workers?: number;
  /** Traces of failed tests (default 'retain-on-failure': actions, console, network; see TraceMode). */
  trace?: TraceMode;
  /**
   * Wall-clock limit of one run; the run ends with a report (unfinished tests fail as not run). Default 300 s:
   * an app that fails every calculator test needs ~190 s on a 2-core machine (each failure replaces a
   * Playwright worker), and its verdict should still be complete.
   */
  timeoutMs?: number;
  /** Per-test limits (defaults: test 5 s, expect 1 s, action 2 s, navigation 3 s). Raise them on a loaded machine. */
  timeouts?: Partial<Record<keyof typeof DEFAULT_TIMEOUTS, number>>;
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

const require = createRequire(import.meta.url);
const PLAYWRIGHT_CLI = join(dirname(require.resolve('@playwright/test/package.json')), 'cli.js');
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
  const workers = Math.max(1, options.workers ?? Math.min(2, availableParallelism()));
  const timeoutMs = options.timeoutMs ?? 300_000;
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
    const reportFile = join(outputDirectory, 'report.json');
    const configFile = join(outputDirectory, 'playwright.config.mjs');
    for (const stale of [reportFile, join(outputDirectory, 'verdict.json'), join(outputDirectory, LOAD_HANG_MARKER), join(outputDirectory, 'diagnostics')]) {
      rmSync(stale, { force: true, recursive: true });
    }

    writeFileSync(
      configFile,
      renderPlaywrightConfig({
        testsDirectory: spec.testsDirectory,
        reportFile,
        resultsDirectory: join(outputDirectory, 'results'),
        workers,
        executablePath: browser.executablePath,
        globalTimeoutMs: timeoutMs,
        trace: runOptions.trace ?? options.trace ?? 'retain-on-failure',
        maxFailures: runOptions.maxFailures ?? 0,
        ...(runOptions.tests ? { onlyTests: runOptions.tests } : {}),
        ...DEFAULT_TIMEOUTS,
        ...options.timeouts,
      }),
    );

    const started = performance.now();
    const result = await execa(process.execPath, [PLAYWRIGHT_CLI, 'test', '--config', configFile], {
      cwd: spec.directory,
      env: {
        [ARTIFACT_ENV]: artifact,
        [RUN_DIRECTORY_ENV]: outputDirectory,
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
    });
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
      outputDirectory,
      durationMs,
    });
    if (verdict.total === 0) {
      throw new PlaywrightRunError(`Playwright ran no tests for spec "${spec.name}"${verdict.runErrors.length > 0 ? `: ${verdict.runErrors.join('; ')}` : ''}.`, {
        exitCode: result.exitCode,
        stdout: String(result.stdout ?? ''),
        stderr: String(result.stderr ?? ''),
      });
    }
    writeFileSync(join(outputDirectory, 'verdict.json'), `${JSON.stringify(verdict, null, 2)}\n`);
    return verdict;
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
