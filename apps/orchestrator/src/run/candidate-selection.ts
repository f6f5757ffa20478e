import type { CandidateSummary } from './run-metadata.js';

/** The figures selection looks at: visible tests passed, then held-out tests passed, then tokens spent. */
export type SelectableCandidate = Pick<CandidateSummary, 'candidate' | 'status' | 'passed' | 'tokens' | 'generateTokens'> & { heldOutPassed?: number | undefined };

/** Its own answer's cost: with `generate` scope the loop before GENERATE is shared (counted in candidate 1), so not that. */
function tokensOf(candidate: SelectableCandidate): number {
  const tokens = candidate.generateTokens ?? candidate.tokens;
  return tokens.prompt + tokens.completion;
}

/**
 * The round's artifact among its judged candidates: the most visible tests passed; on a tie the most
 * held-out tests passed, then the fewest tokens, then the lowest number. Held-out results weigh nothing
 * beyond that tie-break. Undefined when no candidate was judged (every one failed).
 */
export function selectCandidate(candidates: readonly SelectableCandidate[]): number | undefined {
  let best: SelectableCandidate | undefined;
  for (const candidate of candidates) {
    if (candidate.status !== 'judged' || candidate.passed === undefined) continue;
    if (best === undefined || isBetter(candidate, best)) best = candidate;
  }
  return best?.candidate;
}

function isBetter(candidate: SelectableCandidate, best: SelectableCandidate): boolean {
  if (candidate.passed !== best.passed) return (candidate.passed ?? 0) > (best.passed ?? 0);
  const heldOut = (candidate.heldOutPassed ?? 0) - (best.heldOutPassed ?? 0);
  if (heldOut !== 0) return heldOut > 0;
  const tokens = tokensOf(candidate) - tokensOf(best);
  if (tokens !== 0) return tokens < 0;
  return candidate.candidate < best.candidate;
}
