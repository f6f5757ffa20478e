import { formatInterval, formatPercent, formatPValue } from '../report/format-statistics.js';
import { checkRegression, type RegressionCheck, type RegressionPolicy } from './regression-rule.js';
import { modeLabel, type GroupSummary } from './summarize.js';

export interface GroupComparison {
  key: string;
  before: GroupSummary | undefined;
  after: GroupSummary | undefined;
  /**
   * Set when the group cannot be compared: absent from one bench, or no trial judged there
   * (every trial an infrastructure error).
   */
  missing: 'before' | 'after' | undefined;
  passAt1Delta: number | undefined;
  meanFractionDelta: number | undefined;
  /** The regression rule's figures (drop, one-sided Fisher p-value); undefined for a missing group. */
  check: RegressionCheck | undefined;
  regression: boolean;
}

export interface ComparisonOutcome {
  comparisons: GroupComparison[];
  regressions: number;
  missing: number;
}

function keyOf(group: GroupSummary): string {
  return `${group.model} · ${group.spec} · ${modeLabel(group)}`;
}

const judged = (group: GroupSummary | undefined) => (group && group.trials > 0 ? group : undefined);

/** Held-out tests passed and the visible − held-out gap, when both benches measured them. */
function heldOutChange(before: GroupSummary, after: GroupSummary): string {
  if (!before.heldOut || !after.heldOut) return '';
  return `, held-out ${formatPercent(before.heldOut.meanFractionPassed)} → ${formatPercent(after.heldOut.meanFractionPassed)} (gap ${formatPercent(before.heldOut.gap)} → ${formatPercent(after.heldOut.gap)})`;
}

/**
 * What changed per model × spec × mode between two benches. A regression is a pass-rate drop beyond
 * the threshold that is significant (see checkRegression); a group only one bench judged is listed
 * as missing.
 */
export function compareBenches(before: readonly GroupSummary[], after: readonly GroupSummary[], policy: RegressionPolicy): ComparisonOutcome {
  const beforeByKey = new Map(before.map((group) => [keyOf(group), group]));
  const afterByKey = new Map(after.map((group) => [keyOf(group), group]));
  const keys = [...new Set([...beforeByKey.keys(), ...afterByKey.keys()])].sort();
  const comparisons = keys.map((key): GroupComparison => {
    const a = judged(beforeByKey.get(key));
    const b = judged(afterByKey.get(key));
    const base = { key, before: beforeByKey.get(key), after: afterByKey.get(key) };
    if (!a || !b) return { ...base, missing: a ? 'after' : 'before', passAt1Delta: undefined, meanFractionDelta: undefined, check: undefined, regression: false };
    const check = checkRegression({ passes: a.passes, trials: a.trials }, { passes: b.passes, trials: b.trials }, policy);
    return { ...base, missing: undefined, passAt1Delta: b.passes / b.trials - a.passes / a.trials, meanFractionDelta: b.meanFractionPassed - a.meanFractionPassed, check, regression: check.regression };
  });
  return { comparisons, regressions: comparisons.filter((comparison) => comparison.regression).length, missing: comparisons.filter((comparison) => comparison.missing).length };
}

function passRate(group: GroupSummary): string {
  const interval = group.passAtKInterval[0];
  return `${group.passes}/${group.trials} = ${formatPercent(group.passAtK[0] ?? 0)}${interval ? ` ${formatInterval(interval)}` : ''}`;
}

function describeMissing(comparison: GroupComparison): string {
  const present = comparison.before ?? comparison.after;
  const where = comparison.missing === 'after' ? 'second' : 'first';
  const absent = comparison.missing === 'after' ? comparison.after : comparison.before;
  const why = absent ? `no trial judged in the ${where} bench (${absent.infrastructureErrors.total} infrastructure error(s))` : `missing from the ${where} bench`;
  return `  ? ${comparison.key}: ${why}${present && present.trials > 0 ? ` (pass@1 ${passRate(present)} in the other)` : ''}`;
}

export function renderComparison(outcome: ComparisonOutcome, policy: RegressionPolicy & { allowMissing: boolean }): string {
  const signed = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(0)} pt`;
  const lines = outcome.comparisons.map((comparison) => {
    if (comparison.missing || !comparison.before || !comparison.after || !comparison.check) return describeMissing(comparison);
    const delta = comparison.passAt1Delta ?? 0;
    // ↓: a drop that is within the threshold or not significant.
    const marker = comparison.regression ? '✗ REGRESSION' : delta > 0 ? '↑' : delta < 0 ? '↓' : '=';
    return `  ${marker} ${comparison.key}: pass@1 ${passRate(comparison.before)} → ${passRate(comparison.after)} (${signed(comparison.passAt1Delta ?? 0)}, one-sided Fisher ${formatPValue(comparison.check.pValue)}), mean tests passed ${formatPercent(comparison.before.meanFractionPassed)} → ${formatPercent(comparison.after.meanFractionPassed)} (${signed(comparison.meanFractionDelta ?? 0)})${heldOutChange(comparison.before, comparison.after)}`;
  });
  const rule = `a drop beyond ${formatPercent(policy.threshold)} with p < ${policy.alpha}`;
  const verdict = outcome.regressions > 0 ? `${outcome.regressions} regression(s): ${rule}.` : `No regression (${rule}).`;
  const missing = outcome.missing > 0 ? [`${outcome.missing} group(s) not in both benches${policy.allowMissing ? ' (allowed by --allow-missing)' : ': exit 1 (pass --allow-missing to accept)'}.`] : [];
  return [...lines, '', verdict, ...missing].join('\n');
}
