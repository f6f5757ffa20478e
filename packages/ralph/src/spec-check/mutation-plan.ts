import { z } from 'zod';

/** Environment variable naming the plan file a mutation run's Playwright workers read. */
export const MUTATION_PLAN_ENV = 'NDLI_MUTATION_PLAN';
/** Package export condition under which `@ndli/ralph/spec` is the mutation-aware fixture. */
export const MUTATION_CONDITION = 'ndli-mutation';

/**
 * What one Playwright run of a spec check does. `coverage`: no mutant active; every test reports which
 * mutants its code reached (and whether it passed: this run is the reference check). `mutants`: test `title`
 * runs, at repeat index i, with mutant `schedule[title][i]` active (no entry: that slot is skipped). `artifacts`:
 * test `title` runs, at repeat index i, against the app `artifacts[schedule[title][i]]` instead (many seeded bugs
 * judged in one Playwright process, each by the test that should catch it).
 */
export const MutationPlanSchema = z.object({
  mode: z.enum(['coverage', 'mutants', 'artifacts']),
  /** Where each test run writes its record, and `killed/<id>` markers that let later tests of a killed mutant skip. */
  resultsDirectory: z.string(),
  schedule: z.record(z.string(), z.array(z.string().nullable())).default({}),
  /** `artifacts` mode: slot id → path of the HTML file served in place of the artifact. */
  artifacts: z.record(z.string(), z.string()).default({}),
  /**
   * Times the active mutant's code may run in one page before Stryker's switch throws: a mutant that turns a
   * loop endless then fails fast instead of freezing the page until the test's timeout.
   */
  hitLimit: z.number().int().positive(),
});
export type MutationPlan = z.infer<typeof MutationPlanSchema>;

/** One test run under a mutation plan, as the fixture records it. */
export const TestRunRecordSchema = z.object({
  /** `describe › … › title`, the name failures and `--tests` use. */
  title: z.string(),
  /** The spec file, relative to tests/. */
  file: z.string(),
  describePath: z.array(z.string()),
  /** The active mutant (absent in a coverage run). */
  mutantId: z.string().optional(),
  /** `artifacts` mode: the id of the app this run judged. */
  artifactId: z.string().optional(),
  status: z.enum(['passed', 'failed', 'timedOut', 'interrupted', 'skipped']),
  /** The first error's message (why the test failed). */
  error: z.string().optional(),
  /** Uncaught page errors before the page first finished loading: the mutant breaks the app at load. */
  loadErrors: z.array(z.string()),
  /** Coverage run: ids of the mutants whose code this test reached. */
  covered: z.array(z.string()).optional(),
});
export type TestRunRecord = z.infer<typeof TestRunRecordSchema>;
