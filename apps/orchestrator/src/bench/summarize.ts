import { passAtK } from './pass-at-k.js';
import { passHatK } from './pass-hat-k.js';
import { passAtKInterval, passHatKInterval } from './statistics/pass-intervals.js';
import type { Interval } from './statistics/wilson-interval.js';
import { settingLabel, type TrialSetting } from './bench-plan.js';
import { isInfrastructureError, type TrialResult } from './trial-result.js';

export interface GroupSummary {
  model: string;
  spec: string;
  mode: string;
  /** The bench varied candidates / call concurrency: this group's setting. */
  setting?: TrialSetting;
  /** Trials that judged the model (infrastructure errors left out): the n of every figure below. */
  trials: number;
  passes: number;
  /** pass@k for k = 1 … trials (index 0 is pass@1). */
  passAtK: number[];
  /** 95 % interval of each pass@k. */
  passAtKInterval: Interval[];
  /** pass^k (all k pass) for k = 1 … trials. */
  passHatK: number[];
  passHatKInterval: Interval[];
  /** Mean over judged trials of the best round's tests passed / total (0 for a trial never judged). */
  meanFractionPassed: number;
  /** Share of trials green by the end of round r (index 0 = round 1): how much each FIX round adds. */
  passRateByRound: number[];
  tokensPerVerifiedPass: number | undefined;
  /** Mean tokens a trial spent, passed or not: the x of "pass rate against tokens spent". */
  meanTokens: number;
  /**
   * The spec holds tests out: mean share of held-out tests the best round passed, and the gap from the
   * visible share over the same trials (visible − held-out: how much the model fits the tests it sees).
   */
  heldOut?: { trials: number; meanFractionPassed: number; visibleMeanFractionPassed: number; gap: number; overfit: number };
  secondsPerVerifiedPass: number | undefined;
  /** Why judged trials failed: the model's own failures. */
  failureCauses: { schemaFailures: number; truncations: number; stalls: number; budget: number; maxRounds: number; interrupted: number };
  /** Trials that ended for a cause outside the model, shown apart and excluded from every figure. */
  infrastructureErrors: { total: number; modelServer: number; judge: number; crash: number };
}

function groupKey(result: TrialResult): string {
  return `${result.model}|${result.spec}|${result.mode}|${settingLabel(result.setting)}`;
}

/** `ndli · 4 candidates · 2 in flight`, or the mode alone when the bench varies no setting. */
export function modeLabel(group: Pick<GroupSummary, 'mode' | 'setting'>): string {
  return group.setting ? `${group.mode} · ${settingLabel(group.setting)}` : group.mode;
}

function heldOutFigures(results: readonly TrialResult[]): GroupSummary['heldOut'] {
  const measured = results.filter((result) => result.best?.heldOutTotal !== undefined && result.best.heldOutTotal > 0 && result.best.total > 0);
  if (measured.length === 0) return undefined;
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const heldOut = mean(measured.map((result) => (result.best?.heldOutPassed ?? 0) / (result.best?.heldOutTotal ?? 1)));
  const visible = mean(measured.map((result) => (result.best?.passed ?? 0) / (result.best?.total ?? 1)));
  return { trials: measured.length, meanFractionPassed: heldOut, visibleMeanFractionPassed: visible, gap: visible - heldOut, overfit: results.filter((result) => result.status === 'overfit').length };
}

/** The round in which a trial first went green (its held-out tests too), or undefined. */
function greenRound(result: TrialResult): number | undefined {
  return result.rounds.find((round) => round.total > 0 && round.passed === round.total && (round.heldOutTotal === undefined || round.heldOutPassed === round.heldOutTotal))?.round;
}

function infrastructureErrors(results: readonly TrialResult[]): GroupSummary['infrastructureErrors'] {
  const errors = results.filter(isInfrastructureError);
  return {
    total: errors.length,
    modelServer: errors.filter((result) => result.errorCause === 'model-server').length,
    judge: errors.filter((result) => result.errorCause === 'judge').length,
    // An `error` line without a cause (written before causes were recorded) is taken as a crash.
    crash: errors.filter((result) => result.errorCause === 'crash' || result.errorCause === undefined).length,
  };
}

export function summarizeGroup(all: readonly TrialResult[]): GroupSummary {
  const first = all[0];
  if (!first) throw new RangeError('summarizeGroup needs at least one trial');
  const results = all.filter((result) => !isInfrastructureError(result));
  const n = results.length;
  const passes = results.filter((result) => result.status === 'passed').length;
  const maxRounds = Math.max(1, ...results.map((result) => result.rounds.length));
  const tokens = results.reduce((sum, result) => sum + result.tokens.prompt + result.tokens.completion, 0);
  const seconds = results.reduce((sum, result) => sum + result.durationMs / 1000, 0);
  const ks = Array.from({ length: n }, (_, index) => index + 1);
  const share = (count: number) => (n > 0 ? count / n : 0);
  const heldOut = heldOutFigures(results);
  return {
    model: first.model,
    spec: first.spec,
    mode: first.mode,
    ...(first.setting ? { setting: first.setting } : {}),
    trials: n,
    passes,
    passAtK: ks.map((k) => passAtK(n, passes, k)),
    passAtKInterval: ks.map((k) => passAtKInterval(n, passes, k)),
    passHatK: ks.map((k) => passHatK(n, passes, k)),
    passHatKInterval: ks.map((k) => passHatKInterval(n, passes, k)),
    meanFractionPassed: share(results.reduce((sum, result) => sum + (result.best && result.best.total > 0 ? result.best.passed / result.best.total : 0), 0)),
    passRateByRound: Array.from({ length: maxRounds }, (_, index) => share(results.filter((result) => (greenRound(result) ?? Infinity) <= index + 1).length)),
    // Cost of a verified pass: everything spent (failed trials included) divided by the passes it bought.
    tokensPerVerifiedPass: passes > 0 ? tokens / passes : undefined,
    secondsPerVerifiedPass: passes > 0 ? seconds / passes : undefined,
    meanTokens: n > 0 ? tokens / n : 0,
    ...(heldOut ? { heldOut } : {}),
    failureCauses: {
      schemaFailures: results.filter((result) => result.errorCode === 'PHASE_OUTPUT_INVALID').length,
      truncations: results.reduce((sum, result) => sum + result.truncations, 0),
      stalls: results.filter((result) => result.status === 'stalled').length,
      budget: results.filter((result) => result.endReason.startsWith('budget-')).length,
      maxRounds: results.filter((result) => result.endReason === 'max-rounds').length,
      interrupted: results.filter((result) => result.status === 'interrupted').length,
    },
    infrastructureErrors: infrastructureErrors(all),
  };
}

/** One summary per model × spec × mode (× setting, when the bench varies candidates or call concurrency), in a stable order. */
export function summarize(results: readonly TrialResult[]): GroupSummary[] {
  const groups = new Map<string, TrialResult[]>();
  for (const result of results) groups.set(groupKey(result), [...(groups.get(groupKey(result)) ?? []), result]);
  return [...groups.keys()].sort().map((key) => summarizeGroup(groups.get(key) ?? []));
}
