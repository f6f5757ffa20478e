import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa, type Result } from 'execa';
import { ARTIFACT_ENV, RUN_DIRECTORY_ENV } from './app-fixture/judge-environment.js';
import type { BrowserChoice } from './browser.js';
import { buildVerdict } from './build-verdict.js';
import { PlaywrightRunError, ReportInvalidError, RunAbortedError } from './errors.js';
import { followProgress } from './judge-progress.js';
import type { JudgeProfile } from './judge-profile.js';
import { writeModuleMap } from './plain-suite/module-map.js';
import { PLAYWRIGHT_CLI } from './playwright-cli.js';
import { DEFAULT_TIMEOUTS, renderPlaywrightConfig, type PassTrace } from './playwright-config.js';
import { PlaywrightReportSchema, type PlaywrightReport } from './playwright-report.js';
import type { Sandbox } from './sandbox.js';
import type { SpecFolder } from './spec-folder/spec-folder.js';
import type { Verdict } from './verdict.js';

/** Extra time after Playwright's own globalTimeout before ralph kills the process outright. */
const KILL_GRACE_MS = 10_000;

/** One Playwright run of a judge run: the first pass over the selected tests, or the re-run of the failures. */
export interface PassInput {
  spec: SpecFolder;
  artifact: string;
  browser: BrowserChoice;
  sandbox: Sandbox;
  profile: JudgeProfile;
  /** Where this pass's config, report, progress and results go. */
  directory: string;
  /** The judge run's directory (diagnostics, the load-hang marker): shared by both passes. */
  runDirectory: string;
  trace: PassTrace;
  workers: number;
  maxFailures: number;
  tests?: readonly string[];
  /** Wall-clock limit of the pass (Playwright's globalTimeout). */
  timeoutMs: number;
  timeouts?: Partial<Record<keyof typeof DEFAULT_TIMEOUTS, number>>;
  signal?: AbortSignal;
  onLine: (line: { done: number; total: number; failed: number }) => void;
}

function withSourceCondition(nodeOptions: string | undefined): string {
  const flag = '--conditions=@ndli/source';
  return nodeOptions?.includes(flag) ? nodeOptions : [nodeOptions, flag].filter(Boolean).join(' ');
}

function runError(message: string, result: Result): PlaywrightRunError {
  return new PlaywrightRunError(message, { exitCode: result.exitCode, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') });
}

function readReport(reportFile: string): PlaywrightReport {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(reportFile, 'utf8'));
  } catch (error) {
    throw new ReportInvalidError(reportFile, [`not JSON: ${String(error)}`]);
  }
  const parsed = PlaywrightReportSchema.safeParse(raw);
  if (!parsed.success) throw new ReportInvalidError(reportFile, parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  return parsed.data;
}

/** Writes the pass's config, runs Playwright in a child process, reads its report: the pass's verdict. */
export async function runPass(input: PassInput): Promise<Verdict> {
  const { spec, directory, profile } = input;
  mkdirSync(directory, { recursive: true });
  const reportFile = join(directory, 'report.json');
  const configFile = join(directory, 'playwright.config.mjs');
  const progressFile = join(directory, 'progress.jsonl');
  writeFileSync(
    configFile,
    renderPlaywrightConfig({
      testsDirectory: spec.testsDirectory,
      tsconfigFile: writeModuleMap(directory, { mutation: false }),
      reportFile,
      progressFile,
      resultsDirectory: join(directory, 'results'),
      workers: input.workers,
      executablePath: input.browser.executablePath,
      globalTimeoutMs: input.timeoutMs,
      trace: input.trace,
      isolation: profile.isolation,
      keepWorkerOnFailure: profile.keepWorkerOnFailure && input.maxFailures === 0,
      chromiumArgs: profile.chromiumArgs,
      mapOnlyOwnStackFrames: profile.mapOnlyOwnStackFrames,
      chromiumSandbox: input.sandbox.osSandbox,
      maxFailures: input.maxFailures,
      ...(input.tests ? { onlyTests: input.tests } : {}),
      ...DEFAULT_TIMEOUTS,
      ...input.timeouts,
    }),
  );

  const started = performance.now();
  const progress = followProgress(progressFile, input.onLine);
  const result = await execa(process.execPath, [PLAYWRIGHT_CLI, 'test', '--config', configFile], {
    cwd: spec.directory,
    env: {
      [ARTIFACT_ENV]: input.artifact,
      [RUN_DIRECTORY_ENV]: input.runDirectory,
      NODE_OPTIONS: withSourceCondition(process.env.NODE_OPTIONS),
      // A caller's own Playwright settings must not leak into the judge's run.
      PW_TEST_REUSE_CONTEXT: undefined,
      PW_TEST_CONNECT_WS_ENDPOINT: undefined,
      PLAYWRIGHT_TEST_BASE_URL: undefined,
    },
    reject: false,
    timeout: input.timeoutMs + KILL_GRACE_MS,
    // SIGINT lets Playwright stop its workers and still write the JSON report; SIGKILL follows if it does not.
    killSignal: 'SIGINT',
    forceKillAfterDelay: 10_000,
    ...(input.signal ? { cancelSignal: input.signal } : {}),
    stdin: 'ignore',
  }).finally(progress.stop);
  const durationMs = performance.now() - started;
  if (result.isCanceled) throw new RunAbortedError(input.signal?.reason);

  if (!existsSync(reportFile)) {
    const why = result.timedOut ? `it was killed after the ${Math.round((input.timeoutMs + KILL_GRACE_MS) / 1000)} s wall-clock limit` : `it exited with code ${String(result.exitCode)}`;
    throw runError(`Playwright wrote no report for spec "${spec.name}": ${why}.`, result);
  }
  const verdict = buildVerdict(readReport(reportFile), {
    spec: spec.name,
    artifact: input.artifact,
    testsDirectory: spec.testsDirectory,
    browser: input.browser,
    outputDirectory: input.runDirectory,
    durationMs,
  });
  if (verdict.total + verdict.skipped === 0) {
    throw runError(`Playwright ran no tests for spec "${spec.name}"${verdict.runErrors.length > 0 ? `: ${verdict.runErrors.join('; ')}` : ''}.`, result);
  }
  return { ...verdict, sandbox: input.sandbox };
}
