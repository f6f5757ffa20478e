import type { RoundSummary } from './run-metadata.js';

export interface TestChanges {
  fixedTitles: string[];
  regressedTitles: string[];
}

/** Compares two rounds' failing tests: which the newer one fixed and which it broke. */
export function compareFailures(previousFailing: readonly string[] | undefined, currentFailing: readonly string[], allTitles: readonly string[]): TestChanges {
  if (previousFailing === undefined) return { fixedTitles: [], regressedTitles: [] };
  const before = new Set(previousFailing);
  const now = new Set(currentFailing);
  return {
    fixedTitles: previousFailing.filter((title) => !now.has(title)),
    // A test that was passing (known, not failing before) and fails now is a regression.
    regressedTitles: allTitles.filter((title) => now.has(title) && !before.has(title)),
  };
}

/**
 * The best round so far: most tests passed; on a tie the earlier round stays, so a later round
 * that only trades one failure for another does not replace an anchored artifact.
 */
export function isBetterRound(candidate: RoundSummary, best: { passed: number } | undefined): boolean {
  if (candidate.passed === undefined) return false;
  return best === undefined || candidate.passed > best.passed;
}
