import type { Mutant } from './instrument-reference.js';
import type { TestRunRecord } from './mutation-plan.js';

/**
 * killed: a test failed with the mutant active. survived: every test that reaches the mutated code passed (or none
 * reaches it) — a behaviour the specs do not pin down. invalid: the page threw while loading (the mutant breaks the
 * app before any behaviour can be judged; counted apart, like Stryker's runtime errors). equivalent: declared in
 * spec.json as changing no visible behaviour (not tested, counted apart, the reason shown). skipped: not tested,
 * with the reason.
 */
export type MutantStatus = 'killed' | 'survived' | 'invalid' | 'equivalent' | 'skipped';

export interface MutantOutcome {
  mutant: Mutant;
  status: MutantStatus;
  /** killed: the test that failed; survived/invalid/skipped: why. */
  reason: string;
  killedBy?: { title: string; error?: string };
  /** Tests run with this mutant active. */
  testsRun: number;
}

const FAILED: ReadonlySet<TestRunRecord['status']> = new Set(['failed', 'timedOut']);

/** The outcome of one mutant from the test runs it took part in (pure; `reachedBy` = tests whose code reaches it). */
export function classifyMutant(mutant: Mutant, runs: readonly TestRunRecord[], reachedBy: number): MutantOutcome {
  if (mutant.skipReason) return { mutant, status: 'skipped', reason: mutant.skipReason, testsRun: 0 };
  const own = runs.filter((run) => run.mutantId === mutant.id && run.status !== 'skipped');
  const broken = own.find((run) => run.loadErrors.length > 0);
  if (broken) return { mutant, status: 'invalid', reason: `the page errors at load: ${broken.loadErrors[0] ?? ''}`, testsRun: own.length };
  const failed = own.find((run) => FAILED.has(run.status));
  if (failed) {
    const timedOut = failed.status === 'timedOut' ? ' (timed out)' : '';
    return {
      mutant,
      status: 'killed',
      reason: `caught by ${failed.title}${timedOut}`,
      killedBy: { title: failed.title, ...(failed.error ? { error: failed.error } : {}) },
      testsRun: own.length,
    };
  }
  if (reachedBy === 0) return { mutant, status: 'survived', reason: 'no test reaches this code', testsRun: 0 };
  const passed = own.filter((run) => run.status === 'passed').length;
  if (passed < reachedBy) return { mutant, status: 'skipped', reason: `only ${passed} of the ${reachedBy} tests reaching it finished (run cut short)`, testsRun: own.length };
  return { mutant, status: 'survived', reason: `all ${reachedBy} tests reaching this code pass`, testsRun: own.length };
}

export interface MutationScore {
  killed: number;
  survived: number;
  invalid: number;
  equivalent: number;
  skipped: number;
  /** killed / (killed + survived); undefined when no mutant was judged (never a score from nothing). */
  score: number | undefined;
}

export function mutationScore(outcomes: readonly MutantOutcome[]): MutationScore {
  const count = (status: MutantStatus): number => outcomes.filter((outcome) => outcome.status === status).length;
  const killed = count('killed');
  const survived = count('survived');
  return { killed, survived, invalid: count('invalid'), equivalent: count('equivalent'), skipped: count('skipped'), score: killed + survived > 0 ? killed / (killed + survived) : undefined };
}
