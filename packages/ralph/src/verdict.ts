import { z } from 'zod';
import { BrowserChoiceSchema } from './browser.js';

/** `judge-error`: the test failed for a reason in the harness (Playwright internals, its artifacts, a worker crash), twice. */
export const TestStatusSchema = z.enum(['passed', 'failed', 'timedOut', 'skipped', 'interrupted', 'didNotRun', 'judge-error']);
export type TestStatus = z.infer<typeof TestStatusSchema>;

export const TestOutcomeSchema = z.object({
  title: z.string(),
  /** Enclosing `test.describe` titles, outermost first. */
  describePath: z.array(z.string()),
  /** Spec file, relative to the spec's tests/ directory. */
  file: z.string(),
  line: z.number(),
  status: TestStatusSchema,
  durationMs: z.number(),
  /** Its Playwright tags (e.g. `@held-out`), when it has any. */
  tags: z.array(z.string()).optional(),
});
export type TestOutcome = z.infer<typeof TestOutcomeSchema>;

export const FailureSchema = z.object({
  title: z.string(),
  /** The innermost describe title ('' for a top-level test): one group = one likely root cause. */
  group: z.string(),
  describePath: z.array(z.string()),
  file: z.string(),
  line: z.number(),
  status: TestStatusSchema,
  /** The user-level steps the test did (`app.record`), in order. */
  actions: z.array(z.string()),
  /** From the assertion (`Expected: "20"`), when the error states it. */
  expected: z.string().optional(),
  actual: z.string().optional(),
  /** The error message, ANSI codes stripped. */
  message: z.string(),
  consoleErrors: z.array(z.string()),
  pageErrors: z.array(z.string()),
  dialogs: z.array(z.string()),
  blockedRequests: z.array(z.string()),
  /** Playwright's error-context attachment (page snapshot), when present. */
  errorContext: z.string().optional(),
  screenshot: z.string().optional(),
  trace: z.string().optional(),
});
export type Failure = z.infer<typeof FailureSchema>;

/** A test the harness could not judge: never an app failure, never a FIX blocker, never a regression. */
export const JudgeErrorSchema = z.object({
  title: z.string(),
  describePath: z.array(z.string()),
  file: z.string(),
  line: z.number(),
  /** The harness error, ANSI codes stripped (e.g. `ENOENT … .playwright-artifacts-1/traces/…`). */
  message: z.string(),
});
export type JudgeError = z.infer<typeof JudgeErrorSchema>;

export const SandboxSchema = z.object({
  /** Chromium's OS sandbox was on (false: `--no-sandbox`, e.g. as root or in some containers). */
  osSandbox: z.boolean(),
  reason: z.string(),
});

export const VerdictSchema = z.object({
  spec: z.string(),
  artifact: z.string(),
  total: z.number(),
  passed: z.number(),
  failed: z.number(),
  skipped: z.number(),
  durationMs: z.number(),
  tests: z.array(TestOutcomeSchema),
  failures: z.array(FailureSchema),
  /** Errors outside any test (a spec file that does not compile, the wall-clock limit). */
  runErrors: z.array(z.string()),
  /** Tests the harness could not judge (after one re-run); counted neither as passed nor as failed. */
  judgeErrors: z.array(JudgeErrorSchema).default([]),
  /** Full titles of tests that failed and then passed on their re-run: reported, not failed. */
  flaky: z.array(z.string()).default([]),
  sandbox: SandboxSchema.optional(),
  browser: BrowserChoiceSchema,
  /** Where verdict.json, report.json, screenshots and traces are kept. */
  outputDirectory: z.string(),
});
export type Verdict = z.infer<typeof VerdictSchema>;

export type VerdictOutcome = 'green' | 'red' | 'judge-error';

/**
 * What a verdict means for the loop. `red`: the app failed at least one test (FIX it). `green`: tests
 * ran and none failed, nothing left unjudged. `judge-error`: nothing failed, but the harness could not
 * judge everything (judge errors, run errors, or no test ran): neither a pass nor the app's fault.
 */
export function verdictOutcome(verdict: Pick<Verdict, 'failed' | 'failures' | 'judgeErrors' | 'runErrors' | 'total'>): VerdictOutcome {
  if (verdict.failed > 0 || verdict.failures.length > 0) return 'red';
  if (verdict.judgeErrors.length > 0 || verdict.runErrors.length > 0 || verdict.total === 0) return 'judge-error';
  return 'green';
}

/** `describe › … › title`, as failures, FIX blockers and `verdict.flaky` name a test. */
export function fullTitle(test: { readonly describePath: readonly string[]; readonly title: string }): string {
  return [...test.describePath, test.title].join(' › ');
}

/** A test's identity across a verdict's lists (tests, failures, judge errors): its file and full title. */
export function testKey(test: { readonly file: string; readonly describePath: readonly string[]; readonly title: string }): string {
  return [test.file, ...test.describePath, test.title].join(' › ');
}
