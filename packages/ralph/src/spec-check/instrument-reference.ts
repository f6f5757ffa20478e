import { readFileSync } from 'node:fs';
import type { Instrumenter } from '@stryker-mutator/instrumenter';
import { z } from 'zod';
import { ScriptUnparsableError } from './errors.js';

/** One automatic mutant of the reference: a small change Stryker made to one of its scripts. */
export const MutantSchema = z.object({
  id: z.string(),
  /** Stryker's mutator: ArithmeticOperator, ConditionalExpression, EqualityOperator, BlockStatement, StringLiteral… */
  mutatorName: z.string(),
  /** The code put in place of the original. */
  replacement: z.string(),
  /** 0-based lines and columns in the reference file (Stryker's convention). */
  location: z.object({ start: z.object({ line: z.number(), column: z.number() }), end: z.object({ line: z.number(), column: z.number() }) }),
  /** Set when Stryker itself declines to test the mutant (e.g. a `// Stryker disable` comment). */
  skipReason: z.string().optional(),
});
export type Mutant = z.infer<typeof MutantSchema>;

export interface InstrumentedReference {
  /** The reference with every mutant built in, each behind a `__stryker__.activeMutant` switch. */
  html: string;
  mutants: Mutant[];
}

/** Stryker's logger interface, silenced: the check prints its own report. */
const quietLogger = {
  isTraceEnabled: () => false,
  isDebugEnabled: () => false,
  isInfoEnabled: () => false,
  isWarnEnabled: () => false,
  isErrorEnabled: () => false,
  isFatalEnabled: () => false,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  fatal: () => undefined,
};

/**
 * Mutates the `<script>`s of an HTML reference with Stryker's instrumenter (the mutator of StrykerJS, the
 * maintained JavaScript mutation-testing tool): operators, conditions, literals, removed blocks, boundaries. All
 * mutants land in one instrumented page, so one page build serves every mutant.
 */
export async function instrumentReference(path: string): Promise<InstrumentedReference> {
  const content = readFileSync(path, 'utf8');
  // Loaded here, not at the top: Stryker's instrumenter brings Babel (~0.4 s), which only `ndli spec check` needs.
  const { Instrumenter: StrykerInstrumenter } = await import('@stryker-mutator/instrumenter');
  const instrumenter = new StrykerInstrumenter(quietLogger);
  let result: Awaited<ReturnType<Instrumenter['instrument']>>;
  try {
    result = await instrumenter.instrument([{ name: path, content, mutate: true }], { plugins: null, excludedMutations: [], ignorers: [] });
  } catch (error) {
    throw new ScriptUnparsableError(path, error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error), error);
  }
  const html = result.files[0]?.content;
  if (html === undefined) throw new ScriptUnparsableError(path, 'the instrumenter returned no file');
  const mutants = result.mutants.map((mutant) => ({
    id: mutant.id,
    mutatorName: mutant.mutatorName,
    replacement: mutant.replacement,
    location: mutant.location,
    ...(mutant.status === 'Ignored' ? { skipReason: mutant.statusReason ?? 'ignored by a Stryker comment' } : {}),
  }));
  return { html, mutants };
}
