import { z } from 'zod';

// The subset of @playwright/test's JSON reporter output (1.65) that ralph reads. Unknown keys are ignored.

export const ReportAttachmentSchema = z.object({
  name: z.string(),
  contentType: z.string(),
  path: z.string().optional(),
  /** base64 */
  body: z.string().optional(),
});

export const ReportLocationSchema = z.object({ file: z.string(), line: z.number(), column: z.number() });

export const ReportErrorSchema = z.object({
  message: z.string().optional(),
  stack: z.string().optional(),
  location: ReportLocationSchema.optional(),
});
export type ReportError = z.infer<typeof ReportErrorSchema>;

export const ReportResultStatusSchema = z.enum(['passed', 'failed', 'timedOut', 'skipped', 'interrupted']);

export const ReportResultSchema = z.object({
  status: ReportResultStatusSchema,
  duration: z.number(),
  retry: z.number().optional(),
  errors: z.array(ReportErrorSchema).default([]),
  attachments: z.array(ReportAttachmentSchema).default([]),
});
export type ReportResult = z.infer<typeof ReportResultSchema>;

export const ReportTestSchema = z.object({
  expectedStatus: z.string(),
  status: z.enum(['expected', 'unexpected', 'flaky', 'skipped']),
  results: z.array(ReportResultSchema),
});

export const ReportSpecSchema = z.object({
  title: z.string(),
  ok: z.boolean(),
  file: z.string(),
  line: z.number(),
  column: z.number(),
  /** `test('title', { tag: '@held-out' }, …)` and tags in the title, as Playwright reports them. */
  tags: z.array(z.string()).default([]),
  tests: z.array(ReportTestSchema),
});
export type ReportSpec = z.infer<typeof ReportSpecSchema>;

export interface ReportSuite {
  title: string;
  file: string;
  specs: ReportSpec[];
  suites?: ReportSuite[] | undefined;
}

export const ReportSuiteSchema: z.ZodType<ReportSuite> = z.lazy(() =>
  z.object({
    title: z.string(),
    file: z.string(),
    specs: z.array(ReportSpecSchema).default([]),
    suites: z.array(ReportSuiteSchema).optional(),
  }),
);

export const PlaywrightReportSchema = z.object({
  config: z.object({ rootDir: z.string().optional() }).optional(),
  suites: z.array(ReportSuiteSchema),
  errors: z.array(ReportErrorSchema).default([]),
  stats: z.object({
    startTime: z.string(),
    duration: z.number(),
    expected: z.number(),
    unexpected: z.number(),
    skipped: z.number(),
    flaky: z.number(),
  }),
});
export type PlaywrightReport = z.infer<typeof PlaywrightReportSchema>;
