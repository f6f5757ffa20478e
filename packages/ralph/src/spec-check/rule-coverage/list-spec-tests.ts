import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { PLAYWRIGHT_CLI } from '../../playwright-cli.js';
import { DEFAULT_TIMEOUTS, renderPlaywrightConfig } from '../../playwright-config.js';
import { writeModuleMap } from '../../plain-suite/module-map.js';
import { PlaywrightReportSchema, type ReportSuite } from '../../playwright-report.js';
import { SpecCheckError } from '../errors.js';

export interface ListSpecTestsOptions {
  testsDirectory: string;
  /** Working directory of the listing (the spec folder, where its tests resolve their imports). */
  cwd: string;
  directory: string;
  executablePath: string;
}

function collectTitles(suite: ReportSuite, describePath: readonly string[], titles: string[]): void {
  for (const spec of suite.specs) titles.push([...describePath, spec.title].join(' › '));
  for (const child of suite.suites ?? []) collectTitles(child, [...describePath, child.title], titles);
}

/**
 * The full titles (`describe › … › title`, no file name) of every test of a spec, from Playwright's `--list` with the
 * judge's own generated config: the tests are collected, none runs and no browser starts.
 */
export async function listSpecTests(options: ListSpecTestsOptions): Promise<string[]> {
  mkdirSync(options.directory, { recursive: true });
  const reportFile = join(options.directory, 'list.json');
  const configFile = join(options.directory, 'playwright.list.config.mjs');
  writeFileSync(
    configFile,
    renderPlaywrightConfig({
      testsDirectory: options.testsDirectory,
      reportFile,
      resultsDirectory: join(options.directory, 'list-results'),
      workers: 1,
      executablePath: options.executablePath,
      globalTimeoutMs: 60_000,
      trace: 'off',
      isolation: 'reopen',
      keepWorkerOnFailure: false,
      chromiumArgs: [],
      mapOnlyOwnStackFrames: true,
      chromiumSandbox: false,
      maxFailures: 0,
      // Plain suites import @playwright/test, app-fixture suites @ndli/ralph/spec: both resolve as in a judge's pass.
      tsconfigFile: writeModuleMap(options.directory, { mutation: false }),
      ...DEFAULT_TIMEOUTS,
    }),
  );
  // From the repository's sources (tsx), the spec files' `@ndli/ralph/spec` import resolves to sources too.
  const fromSource = import.meta.url.endsWith('.ts') ? ['--conditions=@ndli/source'] : [];
  const result = await execa(process.execPath, [PLAYWRIGHT_CLI, 'test', '--list', '--config', configFile], {
    cwd: options.cwd,
    env: { NODE_OPTIONS: [process.env.NODE_OPTIONS, ...fromSource].filter(Boolean).join(' ') },
    reject: false,
    timeout: 120_000,
    stdin: 'ignore',
  });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(reportFile, 'utf8'));
  } catch {
    throw new SpecCheckError('TEST_LISTING_FAILED', `Playwright could not list the tests of ${options.testsDirectory} (exit code ${String(result.exitCode)}): ${String(result.stderr).slice(0, 2_000)}`, {
      hint: 'Run the reference with `ndli test <spec> <reference>` to see why the tests do not load.',
    });
  }
  const report = PlaywrightReportSchema.parse(raw);
  const titles: string[] = [];
  // The top suites are the spec files: their titles are file names, not part of a test's full title.
  for (const fileSuite of report.suites) collectTitles(fileSuite, [], titles);
  return titles;
}
