import type { RoundSummary, RunMode, RunStatus } from './run-metadata.js';
import { isGreen, isJudgeError, isOverfit, isStagnant, roundsExhausted } from './stop-conditions.js';
import { anchorRound } from './test-anchors.js';

/** Everything the outer loop's "what next" depends on; no files, no clock. */
export interface RoundHistory {
  mode: RunMode;
  rounds: readonly RoundSummary[];
  /** Fresh starts made so far. */
  restarts: number;
  limits: { maxRounds: number; stallRounds: number; maxRestarts: number };
  /** The budget already used up, if any (see `exhaustedBudget`). */
  budget: 'budget-tokens' | 'budget-wall-time' | undefined;
  /** The spec holds tests out: `measure` ends an overfit run, `reveal` FIXes the held-out failures (from `revealedFromRound`). */
  heldOut?: { mode: 'measure' | 'reveal'; revealedFromRound: number | undefined } | undefined;
}

export type NextStep =
  /** The first round: INIT (or the single one-shot GENERATE). */
  | { kind: 'init' }
  /** A round that was not judged yet (interrupted, failed with an error, or a judge error to re-judge on resume). */
  | { kind: 'continue'; round: number }
  /** The same artifact judged once more: the last verdict was a judge error. */
  | { kind: 'rejudge'; round: number }
  /**
   * A FIX round built on the state of `anchorRound`, the best round of the attempt. `revealHeldOut`: the
   * visible tests passed and held-out ones failed; from this round on the held-out failures are FIX blockers.
   */
  | { kind: 'fix'; anchorRound: number; attempt: number; revealHeldOut?: true }
  /** A fresh INIT after stagnation, the failing behaviours of the attempt that stalled given as pitfalls. */
  | { kind: 'restart'; attempt: number; fromAttempt: number }
  | { kind: 'end'; status: RunStatus; endReason: string };

/** Rounds of one attempt, in order. */
function attemptRounds(rounds: readonly RoundSummary[], attempt: number): RoundSummary[] {
  return rounds.filter((round) => round.attempt === attempt);
}

/**
 * The outer loop's policy: after what happened so far, what the run does next. A judge error is never
 * green, never red: the artifact is judged once more, and a second judge error ends the run as
 * `judge-error` (the harness failed, not the app). Stagnation opens a fresh start while restarts remain.
 */
export function decideNextRound(history: RoundHistory): NextStep {
  const { rounds, limits } = history;
  const last = rounds.at(-1);
  if (last === undefined) return history.budget ? { kind: 'end', status: 'failed', endReason: history.budget } : { kind: 'init' };
  if (last.status !== 'judged') return history.budget ? { kind: 'end', status: 'failed', endReason: history.budget } : { kind: 'continue', round: last.round };

  if (isGreen(last)) return { kind: 'end', status: 'passed', endReason: 'all-tests-passed' };
  if (isJudgeError(last)) return last.rejudged ? { kind: 'end', status: 'judge-error', endReason: 'harness-could-not-judge' } : { kind: 'rejudge', round: last.round };
  const overfit = isOverfit(last);
  // Measuring (or with no FIX round to reveal them to): the figure is that the app overfits the visible tests.
  if (overfit && (history.heldOut?.mode !== 'reveal' || history.mode !== 'ndli')) return { kind: 'end', status: 'overfit', endReason: 'held-out-tests-failed' };
  if (history.mode !== 'ndli') return { kind: 'end', status: 'failed', endReason: history.mode === 'one-shot' ? 'one-shot' : 'no-fix-rounds' };

  const outOfRounds = roundsExhausted(rounds.length, limits.maxRounds);
  if (isStagnant(attemptRounds(rounds, last.attempt), limits.stallRounds)) {
    if (history.restarts < limits.maxRestarts && !outOfRounds && !history.budget) return { kind: 'restart', attempt: last.attempt + 1, fromAttempt: last.attempt };
    return { kind: 'end', status: 'stalled', endReason: 'same-failures-repeated' };
  }
  if (outOfRounds) return { kind: 'end', status: 'failed', endReason: 'max-rounds' };
  if (history.budget) return { kind: 'end', status: 'failed', endReason: history.budget };
  const anchor = anchorRound(rounds, last.attempt) ?? last;
  const reveal = overfit && history.heldOut?.revealedFromRound === undefined;
  return { kind: 'fix', anchorRound: anchor.round, attempt: last.attempt, ...(reveal ? { revealHeldOut: true as const } : {}) };
}
