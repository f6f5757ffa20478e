import { passAtK } from './pass-at-k.js';
import type { TrialResult } from './trial-result.js';

export interface GroupSummary {
  model: string;
  spec: string;
  mode: string;
  trials: number;
  passes: number;
  /** pass@k for k = 1 … trials (index 0 is pass@1). */
  passAtK: number[];
  /** Mean over trials of the best round's tests passed / total (0 for a trial never judged). */
  meanFractionPassed: number;
  /** Share of trials green by the end of round r (index 0 = round 1): how much each FIX round adds. */
  passRateByRound: number[];
  tokensPerVerifiedPass: number | undefined;
  secondsPerVerifiedPass: number | undefined;
  failureCauses: { schemaFailures: number; truncations: number; stalls: number; budget: number; maxRounds: number; errors: number; interrupted: number };
}

function groupKey(result: TrialResult): string {
  return `${result.model}|${result.spec}|${result.mode}`;
}

/** The round in which a trial first went green, or undefined. */
function greenRound(result: TrialResult): number | undefined {
  return result.rounds.find((round) => round.total > 0 && round.passed === round.total)?.round;
}

export function summarizeGroup(results: readonly TrialResult[]): GroupSummary {
  const first = results[0];
  if (!first) throw new RangeError('summarizeGroup needs at least one trial');
  const n = results.length;
  const passes = results.filter((result) => result.status === 'passed').length;
  const maxRounds = Math.max(1, ...results.map((result) => result.rounds.length));
  const tokens = results.reduce((sum, result) => sum + result.tokens.prompt + result.tokens.completion, 0);
  const seconds = results.reduce((sum, result) => sum + result.durationMs / 1000, 0);
  return {
    model: first.model,
    spec: first.spec,
    mode: first.mode,
    trials: n,
    passes,
    passAtK: Array.from({ length: n }, (_, index) => passAtK(n, passes, index + 1)),
    meanFractionPassed: results.reduce((sum, result) => sum + (result.best && result.best.total > 0 ? result.best.passed / result.best.total : 0), 0) / n,
    passRateByRound: Array.from({ length: maxRounds }, (_, index) => results.filter((result) => (greenRound(result) ?? Infinity) <= index + 1).length / n),
    // Cost of a verified pass: everything spent (failed trials included) divided by the passes it bought.
    tokensPerVerifiedPass: passes > 0 ? tokens / passes : undefined,
    secondsPerVerifiedPass: passes > 0 ? seconds / passes : undefined,
    failureCauses: {
      schemaFailures: results.filter((result) => result.errorCode === 'PHASE_OUTPUT_INVALID').length,
      truncations: results.reduce((sum, result) => sum + result.truncations, 0),
      stalls: results.filter((result) => result.status === 'stalled').length,
      budget: results.filter((result) => result.endReason.startsWith('budget-')).length,
      maxRounds: results.filter((result) => result.endReason === 'max-rounds').length,
      errors: results.filter((result) => result.status === 'error').length,
      interrupted: results.filter((result) => result.status === 'interrupted').length,
    },
  };
}

/** One summary per model × spec × mode, in a stable order. */
export function summarize(results: readonly TrialResult[]): GroupSummary[] {
  const groups = new Map<string, TrialResult[]>();
  for (const result of results) groups.set(groupKey(result), [...(groups.get(groupKey(result)) ?? []), result]);
  return [...groups.keys()].sort().map((key) => summarizeGroup(groups.get(key) ?? []));
}
