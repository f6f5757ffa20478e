import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { headline, parseExpectedActual, stripAnsi } from './assertion-message.js';
import type { BrowserChoice } from './browser.js';
import { DIAGNOSTICS_ATTACHMENT, NEVER_REACHED_APP_ATTACHMENT } from './app-fixture/judge-environment.js';
import { parseDiagnostics } from './diagnostics.js';
import type { AppDiagnostics } from './app-fixture/app-fixture.js';
import type { PlaywrightReport, ReportResult, ReportSpec, ReportSuite } from './playwright-report.js';
import { isHarnessError } from './harness-error.js';
import { specFaultReason } from './spec-error.js';
import type { Failure, JudgeError, TestOutcome, TestStatus, Verdict } from './verdict.js';

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

function diagnosticsOf(result: ReportResult | undefined): AppDiagnostics {
  return parseDiagnostics(result?.attachments.find((attachment) => attachment.name === DIAGNOSTICS_ATTACHMENT));
}

function errorTexts(result: ReportResult | undefined): string[] {
  return (result?.errors ?? []).map((error) => stripAnsi([error.message, error.stack].filter(Boolean).join('\n')));
}

function toJudgeError(outcome: TestOutcome, result: ReportResult | undefined, reason?: string): JudgeError {
  const message = failureMessage(result, outcome.status);
  return { title: outcome.title, describePath: outcome.describePath, file: outcome.file, line: outcome.line, message: reason ? `${reason}\n\n${message}` : message };
}

function toFailure(found: FoundSpec, outcome: TestOutcome, result: ReportResult | undefined): Failure {
  const attachments = result?.attachments ?? [];
  const diagnostics = diagnosticsOf(result);
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
  const judgeErrors: JudgeError[] = [];
  let skippedOnPurpose = 0;
  for (const entry of found) {
    for (const test of entry.spec.tests) {
      const result = test.results.at(-1);
      const outcome: TestOutcome = {
        title: entry.spec.title,
        describePath: entry.describePath,
        file: relative(context.testsDirectory, entry.spec.file.startsWith('/') ? entry.spec.file : `${context.testsDirectory}/${entry.spec.file}`),
        line: entry.spec.line,
        status: statusOf(result),
        durationMs: Math.round(result?.duration ?? 0),
        // Playwright's JSON report drops the `@` a tag is declared with (`{ tag: '@held-out' }`): put it back.
        ...(entry.spec.tags.length > 0 ? { tags: entry.spec.tags.map((tag) => (tag.startsWith('@') ? tag : `@${tag}`)) } : {}),
      };
      tests.push(outcome);
      if (outcome.status === 'passed') continue;
      // A `test.skip` / `test.fixme` is the spec's decision, not a result: it is left out of the total.
      if (outcome.status === 'skipped' && test.expectedStatus === 'skipped') {
        skippedOnPurpose += 1;
        continue;
      }
      const errors = errorTexts(result);
      const specFault = specFaultReason({ status: outcome.status, errors, neverReachedApp: result?.attachments.some((attachment) => attachment.name === NEVER_REACHED_APP_ATTACHMENT) ?? false });
      if (specFault !== undefined || isHarnessError({ status: outcome.status, errors, diagnostics: diagnosticsOf(result) })) {
        outcome.status = 'judge-error';
        judgeErrors.push(toJudgeError(outcome, result, specFault));
      } else {
        failures.push(toFailure(entry, outcome, result));
      }
    }
  }
  const passed = tests.filter((test) => test.status === 'passed').length;
  const runErrors = [
    ...(context.runErrors ?? []),
    ...report.errors.map((error) => headline(error.message ?? error.stack ?? '')).filter((text) => text !== ''),
  ];
  return {
    spec: context.spec,
    artifact: context.artifact,
    total: tests.length - skippedOnPurpose,
    passed,
    failed: failures.length,
    skipped: skippedOnPurpose,
    durationMs: Math.round(context.durationMs),
    tests,
    failures,
    runErrors,
    judgeErrors,
    // Known only after the judge re-runs the failed tests (mergeRerun).
    flaky: [],
    browser: context.browser,
    outputDirectory: context.outputDirectory,
  };
}
