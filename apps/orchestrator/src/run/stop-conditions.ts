import type { NdliConfig } from '../config/config-schema.js';
import type { RoundSummary, Tokens } from './run-metadata.js';

/** Every test green: the run is done. */
export function isGreen(summary: RoundSummary): boolean {
  return summary.total !== undefined && summary.total > 0 && summary.passed === summary.total;
}

/**
 * The last `stallRounds` rounds failed the same tests with the same blockers: another FIX round
 * would most likely burn tokens for the same answer.
 */
export function isStagnant(rounds: readonly RoundSummary[], stallRounds: number): boolean {
  if (stallRounds < 2 || rounds.length < stallRounds) return false;
  const recent = rounds.slice(-stallRounds);
  const digest = recent[0]?.blockerDigest;
  return digest !== undefined && recent.every((round) => round.blockerDigest === digest);
}

/** Which budget, if any, is used up: `budget-tokens`, `budget-wall-time`. */
export function exhaustedBudget(config: NdliConfig, usage: { tokens: Tokens; elapsedMs: number }): 'budget-tokens' | 'budget-wall-time' | undefined {
  const { maxTotalTokens, maxWallTimeMs } = config.budgets;
  if (maxTotalTokens !== undefined && usage.tokens.prompt + usage.tokens.completion >= maxTotalTokens) return 'budget-tokens';
  if (maxWallTimeMs !== undefined && usage.elapsedMs >= maxWallTimeMs) return 'budget-wall-time';
  return undefined;
}

/** No round left to try. */
export function roundsExhausted(completedRounds: number, maxRounds: number): boolean {
  return completedRounds >= maxRounds;
}
