import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { headline, parseExpectedActual, stripAnsi } from './assertion-message.js';
import type { BrowserChoice } from './browser.js';
import { DIAGNOSTICS_ATTACHMENT } from './spec/app-fixture.js';
import { parseDiagnostics } from './diagnostics.js';
import type { PlaywrightReport, ReportResult, ReportSpec, ReportSuite } from './playwright-report.js';
import type { Failure, TestOutcome, TestStatus, Verdict } from './verdict.js';

export interface VerdictContext {
  spec: string;
  artifact: string;
  testsDirectory: string;
  browser: BrowserChoice;
  outputDirectory: string;
  durationMs: number;
  /** Problems ralph saw outside the report (e.g. the wall-clock limit). */
  runErrors?: string[];
}

interface FoundSpec {
  spec: ReportSpec;
  describePath: string[];
}

function collectSpecs(suite: ReportSuite, describePath: string[], found: FoundSpec[]): void {
  for (const spec of suite.specs) found.push({ spec, describePath });
  for (const child of suite.suites ?? []) collectSpecs(child, [...describePath, child.title], found);
}

function statusOf(result: ReportResult | undefined): TestStatus {
  return result ? result.status : 'didNotRun';
}

function readText(path: string | undefined): string | undefined {
  if (!path || !existsSync(path)) return undefined;
  return readFileSync(path, 'utf8');
}

function failureMessage(result: ReportResult | undefined, status: TestStatus): string {
  if (!result) return 'The test did not run: the run stopped before reaching it (wall-clock limit or an earlier crash).';
  const messages = result.errors.map((error) => stripAnsi(error.message ?? error.stack ?? '').trim()).filter((text) => text !== '');
  if (messages.length > 0) return messages.join('\n\n');
  return status === 'interrupted' ? 'The test was interrupted (the run hit its wall-clock limit).' : `The test ended with status ${status}.`;
}

function toFailure(found: FoundSpec, outcome: TestOutcome, result: ReportResult | undefined): Failure {
  const attachments = result?.attachments ?? [];
  const diagnostics = parseDiagnostics(attachments.find((attachment) => attachment.name === DIAGNOSTICS_ATTACHMENT));
  const message = failureMessage(result, outcome.status);
  // The first error that states expected/received values is the assertion that failed.
  const values = (result?.errors ?? []).map((error) => parseExpectedActual(error.message ?? '')).find((parsed) => parsed.expected !== undefined || parsed.actual !== undefined) ?? {};
  const screenshot = attachments.find((attachment) => attachment.name === 'screenshot' && attachment.path)?.path;
  const trace = attachments.find((attachment) => attachment.name === 'trace' && attachment.path)?.path;
  const errorContextAttachment = attachments.find((attachment) => attachment.name === 'error-context');
  const errorContext =
    readText(errorContextAttachment?.path) ??
    (errorContextAttachment?.body ? Buffer.from(errorContextAttachment.body, 'base64').toString('utf8') : undefined);
  return {
    title: outcome.title,
    group: found.describePath.at(-1) ?? '',
    describePath: found.describePath,
    file: outcome.file,
    line: outcome.line,
    status: outcome.status,
    actions: diagnostics.actions,
    ...values,
    message,
    consoleErrors: diagnostics.consoleErrors,
    pageErrors: diagnostics.pageErrors,
    dialogs: diagnostics.dialogs,
    blockedRequests: diagnostics.blockedRequests,
    ...(errorContext !== undefined ? { errorContext } : {}),
    ...(screenshot !== undefined ? { screenshot } : {}),
    ...(trace !== undefined ? { trace } : {}),
  };
}

/** Turns Playwright's (validated) JSON report into a verdict. Never reads console output. */
export function buildVerdict(report: PlaywrightReport, context: VerdictContext): Verdict {
  const found: FoundSpec[] = [];
  // Top-level suites are files; their titles are not describe blocks.
  for (const fileSuite of report.suites) {
    for (const spec of fileSuite.specs) found.push({ spec, describePath: [] });
    for (const child of fileSuite.suites ?? []) collectSpecs(child, [child.title], found);
  }
  const tests: TestOutcome[] = [];
  const failures: Failure[] = [];
  for (const entry of found) {
    for (const test of entry.spec.tests) {
      const result = test.results.at(-1);
      const status = statusOf(result);
      const outcome: TestOutcome = {
        title: entry.spec.title,
        describePath: entry.describePath,
        file: relative(context.testsDirectory, entry.spec.file.startsWith('/') ? entry.spec.file : `${context.testsDirectory}/${entry.spec.file}`),
        line: entry.spec.line,
        status,
        durationMs: Math.round(result?.duration ?? 0),
      };
      tests.push(outcome);
      const skippedOnPurpose = status === 'skipped' && test.expectedStatus === 'skipped';
      if (status !== 'passed' && !skippedOnPurpose) failures.push(toFailure(entry, outcome, result));
    }
  }
  const passed = tests.filter((test) => test.status === 'passed').length;
  const skipped = tests.length - passed - failures.length;
  const runErrors = [
    ...(context.runErrors ?? []),
    ...report.errors.map((error) => headline(error.message ?? error.stack ?? '')).filter((text) => text !== ''),
  ];
  return {
    spec: context.spec,
    artifact: context.artifact,
    total: tests.length,
    passed,
    failed: failures.length,
    skipped,
    durationMs: Math.round(context.durationMs),
    tests,
    failures,
    runErrors,
    // Classified by the judge's harness-error pass (see issue 15); none yet at this layer.
    judgeErrors: [],
    flaky: [],
    browser: context.browser,
    outputDirectory: context.outputDirectory,
  };
}
