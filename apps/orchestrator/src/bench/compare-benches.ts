import type { GroupSummary } from './summarize.js';

export interface GroupComparison {
  key: string;
  before: GroupSummary | undefined;
  after: GroupSummary | undefined;
  passAt1Delta: number | undefined;
  meanFractionDelta: number | undefined;
  /** pass@1 or the mean share of tests passed fell by more than the threshold. */
  regression: boolean;
}

function keyOf(group: GroupSummary): string {
  return `${group.model} · ${group.spec} · ${group.mode}`;
}

/**
 * What changed per model × spec × mode between two benches. A drop larger than `threshold`
 * (a share, e.g. 0.1 = ten points) in pass@1 or in mean tests passed is a regression.
 */
export function compareBenches(before: readonly GroupSummary[], after: readonly GroupSummary[], threshold: number): GroupComparison[] {
  const beforeByKey = new Map(before.map((group) => [keyOf(group), group]));
  const afterByKey = new Map(after.map((group) => [keyOf(group), group]));
  const keys = [...new Set([...beforeByKey.keys(), ...afterByKey.keys()])].sort();
  return keys.map((key) => {
    const a = beforeByKey.get(key);
    const b = afterByKey.get(key);
    const passAt1Delta = a && b ? (b.passAtK[0] ?? 0) - (a.passAtK[0] ?? 0) : undefined;
    const meanFractionDelta = a && b ? b.meanFractionPassed - a.meanFractionPassed : undefined;
    const regression = (passAt1Delta !== undefined && passAt1Delta < -threshold) || (meanFractionDelta !== undefined && meanFractionDelta < -threshold);
    return { key, before: a, after: b, passAt1Delta, meanFractionDelta, regression };
  });
}

export function renderComparison(comparisons: readonly GroupComparison[], threshold: number): string {
  const percent = (value: number) => `${(value * 100).toFixed(0)}%`;
  const signed = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(0)} pt`;
  const lines = comparisons.map((comparison) => {
    if (!comparison.before) return `  + ${comparison.key}: new (pass@1 ${percent(comparison.after?.passAtK[0] ?? 0)})`;
    if (!comparison.after) return `  - ${comparison.key}: missing from the second bench`;
    const marker = comparison.regression ? '✗ REGRESSION' : (comparison.passAt1Delta ?? 0) > 0 ? '↑' : '=';
    return `  ${marker} ${comparison.key}: pass@1 ${percent(comparison.before.passAtK[0] ?? 0)} → ${percent(comparison.after.passAtK[0] ?? 0)} (${signed(comparison.passAt1Delta ?? 0)}), mean tests passed ${percent(comparison.before.meanFractionPassed)} → ${percent(comparison.after.meanFractionPassed)} (${signed(comparison.meanFractionDelta ?? 0)})`;
  });
  const regressions = comparisons.filter((comparison) => comparison.regression).length;
  return [...lines, '', regressions > 0 ? `${regressions} regression(s) beyond ${percent(threshold)}.` : `No regression beyond ${percent(threshold)}.`].join('\n');
}
