import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** The file in a spec folder that maps task.md's rules and clarifications to the tests that check them. */
export const COVERAGE_FILE = 'coverage.json';

/**
 * One sentence (or clause) of the contract and how it is checked: by the tests named (each a `describe › title`
 * path or a suffix of one), or not at all, with the reason no behavioural test can check it.
 */
export const CoverageEntrySchema = z.object({
  /** Where the quote is, for a reader (`Rule 3`, `Clarifications`); not matched against task.md. */
  section: z.string().min(1),
  /** Verbatim text of task.md's Rules or Clarifications (whitespace may differ). */
  quote: z.string().regex(/[\p{L}\p{N}]/u, 'a quote holds at least one letter or digit'),
  tests: z.array(z.string().min(1)).default([]),
  untestable: z.string().optional(),
});
export type CoverageEntry = z.infer<typeof CoverageEntrySchema>;

export const CoverageFileSchema = z.object({ entries: z.array(CoverageEntrySchema) });
export type CoverageFile = z.infer<typeof CoverageFileSchema>;

/** The spec folder's coverage table, or the problem that stops it being read (missing, not JSON, wrong shape). */
export function readCoverageFile(specDirectory: string): { coverage: CoverageFile } | { problem: string } {
  const path = join(specDirectory, COVERAGE_FILE);
  if (!existsSync(path)) {
    return { problem: `no ${COVERAGE_FILE}: write ${path} mapping every sentence of task.md's Rules and Clarifications to the tests that check it (specs/README.md, "Rule coverage")` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { problem: `${COVERAGE_FILE} is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = CoverageFileSchema.safeParse(raw);
  if (!parsed.success) return { problem: `${COVERAGE_FILE} does not have the expected shape: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}` };
  return { coverage: parsed.data };
}
