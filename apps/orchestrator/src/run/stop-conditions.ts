import type { NdliConfig } from '../config/config-schema.js';
import type { RoundSummary, Tokens } from './run-metadata.js';

/**
 * Every test that ran passed and nothing was left unjudged (skips on purpose are not in `total`): the
 * run is done. Old summaries without an outcome fall back to passed = total.
 */
export function isGreen(summary: RoundSummary): boolean {
  const heldOutGreen = summary.heldOutOutcome === undefined || summary.heldOutOutcome === 'green';
  if (summary.outcome !== undefined) return summary.outcome === 'green' && heldOutGreen;
  return summary.total !== undefined && summary.total > 0 && summary.passed === summary.total;
}

/** Nothing failed but the harness could not judge everything (visible or held-out tests): neither a pass nor the app's fault. */
export function isJudgeError(summary: RoundSummary): boolean {
  return summary.outcome === 'judge-error' || (summary.outcome === 'green' && summary.heldOutOutcome === 'judge-error');
}

/** The visible tests passed and held-out ones failed: the app may be fitted to the tests the loop sees. */
export function isOverfit(summary: RoundSummary): boolean {
  return summary.outcome === 'green' && summary.heldOutOutcome === 'red';
}

function sameSet(left: readonly string[], right: readonly string[]): boolean {
  const set = new Set(left);
  return set.size === new Set(right).size && right.every((title) => set.has(title));
}

/**
 * The last `stallRounds` judged rounds failed the same set of tests (titles, not messages: the same
 * failing tests with other wrong values are still stuck). Another FIX round would most likely burn
 * tokens for the same answer. Pass the rounds of the current attempt only.
 */
export function isStagnant(rounds: readonly RoundSummary[], stallRounds: number): boolean {
  if (stallRounds < 2 || rounds.length < stallRounds) return false;
  const recent = rounds.slice(-stallRounds);
  const first = recent[0]?.failingTitles;
  if (first === undefined || first.length === 0) return false;
  return recent.every((round) => round.status === 'judged' && round.failingTitles !== undefined && sameSet(round.failingTitles, first));
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
