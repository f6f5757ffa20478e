import { existsSync, readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';

/** A file read leniently: its value when it parses, else a sentence saying what is wrong (shown in the UI). */
export interface ReadResult<VALUE> {
  value?: VALUE;
  problem?: string;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`).join('; ');
}

export function readJsonFile<SCHEMA extends z.ZodType>(path: string, schema: SCHEMA): ReadResult<z.infer<SCHEMA>> {
  if (!existsSync(path)) return { problem: `${path} is missing` };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    // A file being rewritten (write-then-rename) or cut short by a crash: say so, show the rest.
    return { problem: `${path} is not valid JSON: ${(error as Error).message}` };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { value: parsed.data } : { problem: `${path} does not look as expected: ${describeIssues(parsed.error)}` };
}

/** Every valid line of a JSON-lines file; a half-written last line (a run still writing) is skipped. */
export function readJsonLines<SCHEMA extends z.ZodType>(path: string, schema: SCHEMA): z.infer<SCHEMA>[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      try {
        const parsed = schema.safeParse(JSON.parse(line));
        return parsed.success ? [parsed.data] : [];
      } catch {
        return [];
      }
    });
}

export function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
