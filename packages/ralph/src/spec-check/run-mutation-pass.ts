import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { PLAYWRIGHT_CLI } from '../playwright-cli.js';
import { CHROMIUM_ARGS, type BrowserChoice } from '../browser.js';
import { DEFAULT_TIMEOUTS, renderPlaywrightConfig } from '../playwright-config.js';
import { ARTIFACT_ENV } from '../app-fixture/judge-environment.js';
import type { SpecFolder } from '../spec-folder/spec-folder.js';
import { MutationRunError } from './errors.js';
import { MUTATION_CONDITION, MUTATION_PLAN_ENV, TestRunRecordSchema, type MutationPlan, type TestRunRecord } from './mutation-plan.js';
import { resolveSandbox } from '../sandbox.js';
import { writeModuleMap } from '../plain-suite/module-map.js';

/** Inside the repository ralph runs from its TypeScript source; the spec files must then load it from source too. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

export interface MutationPassOptions {
  spec: SpecFolder;
  /** The instrumented page, named as the spec's artifact (the app is served under its file name). */
  artifact: string;
  /** A fresh directory for this pass: config, plan, and one record per test run. */
  directory: string;
  plan: Omit<MutationPlan, 'resultsDirectory' | 'artifacts'> & Partial<Pick<MutationPlan, 'artifacts'>>;
  /** Coverage mode: run only these tests (full titles). */
  tests?: readonly string[];
  browser: BrowserChoice;
  workers: number;
  timeouts?: Partial<Record<keyof typeof DEFAULT_TIMEOUTS, number>>;
  /** Wall-clock limit of the pass. */
  timeoutMs: number;
  signal?: AbortSignal;
}

function nodeOptions(): string {
  const conditions = [MUTATION_CONDITION, ...(FROM_SOURCE ? ['@ndli/source'] : [])].map((condition) => `--conditions=${condition}`);
  return [process.env.NODE_OPTIONS, ...conditions].filter(Boolean).join(' ');
}

/**
 * One Playwright run of a mutation plan: a single process whose workers each keep one browser for every test
 * and mutant they run. Returns what each test run recorded (skipped slots record nothing).
 */
export async function runMutationPass(options: MutationPassOptions): Promise<TestRunRecord[]> {
  const resultsDirectory = join(options.directory, 'runs');
  mkdirSync(resultsDirectory, { recursive: true });
  const planFile = join(options.directory, 'plan.json');
  const plan: MutationPlan = { artifacts: {}, ...options.plan, resultsDirectory };
  writeFileSync(planFile, JSON.stringify(plan));
  const repeatEach = Math.max(1, ...Object.values(plan.schedule).map((slots) => slots.length));
  const baseConfig = join(options.directory, 'base.config.mjs');
  const sandbox = await resolveSandbox(options.browser.executablePath);
  writeFileSync(
    baseConfig,
    renderPlaywrightConfig({
      testsDirectory: options.spec.testsDirectory,
      tsconfigFile: writeModuleMap(options.directory, { mutation: true }),
      reportFile: join(options.directory, 'report.json'),
      resultsDirectory: join(options.directory, 'results'),
      workers: options.workers,
      executablePath: options.browser.executablePath,
      globalTimeoutMs: options.timeoutMs,
      trace: 'off',
      maxFailures: 0,
      // The judge's isolation (the app re-opened per test); the mutation fixture itself marks a mutant's
      // failures as expected, so the app fixture must not do it a second time.
      isolation: 'reopen',
      keepWorkerOnFailure: false,
      chromiumArgs: CHROMIUM_ARGS,
      mapOnlyOwnStackFrames: true,
      chromiumSandbox: sandbox.osSandbox,
      ...(plan.mode !== 'coverage' ? { onlyTests: Object.keys(plan.schedule) } : options.tests ? { onlyTests: options.tests } : {}),
      ...DEFAULT_TIMEOUTS,
      ...options.timeouts,
    }),
  );
  const configFile = join(options.directory, 'mutation.config.mjs');
  // Screenshots of failures are evidence for a FIX round; a killed mutant needs none, and they cost time.
  writeFileSync(
    configFile,
    `import base from './base.config.mjs';\nexport default { ...base, repeatEach: ${repeatEach}, reporter: [['null']], use: { ...base.use, screenshot: 'off', trace: 'off' } };\n`,
  );
  if (plan.mode !== 'coverage' && Object.keys(plan.schedule).length === 0) return [];

  const result = await execa(process.execPath, [PLAYWRIGHT_CLI, 'test', '--config', configFile], {
    cwd: options.spec.directory,
    env: {
      [ARTIFACT_ENV]: options.artifact,
      [MUTATION_PLAN_ENV]: planFile,
      NODE_OPTIONS: nodeOptions(),
      PW_TEST_REUSE_CONTEXT: undefined,
      PW_TEST_CONNECT_WS_ENDPOINT: undefined,
    },
    reject: false,
    timeout: options.timeoutMs + 10_000,
    killSignal: 'SIGINT',
    forceKillAfterDelay: 10_000,
    ...(options.signal ? { cancelSignal: options.signal } : {}),
    stdin: 'ignore',
  });
  const records = existsSync(resultsDirectory)
    ? readdirSync(resultsDirectory)
        .filter((file) => file.endsWith('.json'))
        .map((file) => TestRunRecordSchema.parse(JSON.parse(readFileSync(join(resultsDirectory, file), 'utf8'))))
    : [];
  if (records.length === 0 && plan.mode === 'coverage') {
    throw new MutationRunError(`The mutation check's Playwright run for spec "${options.spec.name}" recorded no test (exit code ${String(result.exitCode)}).`, {
      exitCode: result.exitCode,
      stderr: `${String(result.stdout ?? '')}\n${String(result.stderr ?? '')}`.trim().slice(-4_000),
    });
  }
  return records;
}
