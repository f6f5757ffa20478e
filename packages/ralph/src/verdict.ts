import { z } from 'zod';
import { BrowserChoiceSchema } from './browser.js';

export const TestStatusSchema = z.enum(['passed', 'failed', 'timedOut', 'skipped', 'interrupted', 'didNotRun']);
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
  browser: BrowserChoiceSchema,
  /** Where verdict.json, report.json, screenshots and traces are kept. */
  outputDirectory: z.string(),
});
export type Verdict = z.infer<typeof VerdictSchema>;
