import type { Verdict } from '@ndli/ralph';
import type { RoundSummary } from './run-metadata.js';

/**
 * Test anchors as AlphaCodium uses them: the tests the best round passed are anchors; a later round
 * that fails one of them is a regression, never the result, and the next FIX works from the best
 * round's state again with the broken tests among its blockers.
 */

export interface TestChanges {
  fixedTitles: string[];
  regressedTitles: string[];
}

/** A test's identity across rounds: `describe › … › title` (bare titles repeat across groups). */
export function fullTitle(test: { describePath: readonly string[]; title: string }): string {
  return [...test.describePath, test.title].join(' › ');
}

/** The title sets a round's summary keeps. Judge errors are neither passed nor failed. */
export function verdictTitles(verdict: Verdict): { passedTitles: string[]; failingTitles: string[]; judgeErrorTitles: string[] } {
  return {
    passedTitles: verdict.tests.filter((test) => test.status === 'passed').map(fullTitle),
    failingTitles: verdict.failures.map(fullTitle),
    judgeErrorTitles: verdict.judgeErrors.map(fullTitle),
  };
}

/** What a round fixed and broke compared with its anchor (the round it built on). */
export function compareToAnchor(anchor: Pick<RoundSummary, 'passedTitles' | 'failingTitles'> | undefined, currentFailing: readonly string[]): TestChanges {
  if (anchor === undefined) return { fixedTitles: [], regressedTitles: [] };
  const now = new Set(currentFailing);
  const passedBefore = new Set(anchor.passedTitles ?? []);
  return {
    fixedTitles: (anchor.failingTitles ?? []).filter((title) => !now.has(title)),
    // Only a test the anchor passed can regress: one it could not judge (a judge error) never does.
    regressedTitles: currentFailing.filter((title) => passedBefore.has(title)),
  };
}

/**
 * Whether a judged round may become the run's result: it broke nothing its anchor passed, and it passes
 * strictly more tests than the best so far (on a tie the earlier round stays).
 */
export function isBetterRound(candidate: Pick<RoundSummary, 'passed' | 'regressedTitles' | 'heldOutPassed'>, best: { passed: number; heldOutPassed?: number | undefined } | undefined): boolean {
  if (candidate.passed === undefined || (candidate.regressedTitles?.length ?? 0) > 0) return false;
  if (best === undefined || candidate.passed > best.passed) return true;
  // Equal on the visible tests: more held-out tests passed is better (a tie-break, never more).
  return candidate.passed === best.passed && (candidate.heldOutPassed ?? 0) > (best.heldOutPassed ?? 0);
}

/** The round a FIX of this attempt builds on: the attempt's best judged round that is not a regression. */
export function anchorRound(rounds: readonly RoundSummary[], attempt: number): RoundSummary | undefined {
  let anchor: RoundSummary | undefined;
  for (const round of rounds) {
    if (round.status !== 'judged' || round.attempt !== attempt) continue;
    if (isBetterRound(round, anchor?.passed === undefined ? undefined : { passed: anchor.passed, heldOutPassed: anchor.heldOutPassed })) anchor = round;
  }
  return anchor;
}
