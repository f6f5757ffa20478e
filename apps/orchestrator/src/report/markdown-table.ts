import { modeLabel, type GroupSummary } from '../bench/summarize.js';
import { formatInterval, formatPercent } from './format-statistics.js';

const compact = (value: number | undefined) => (value === undefined ? '—' : value >= 1000 ? `${(value / 1000).toFixed(1)}k` : value.toFixed(0));

/** A figure with its 95 % interval, or — when no trial was judged. */
function withInterval(values: readonly number[], intervals: GroupSummary['passAtKInterval'], index: number): string {
  const value = values.at(index);
  const interval = intervals.at(index);
  return value === undefined || interval === undefined ? '—' : `${formatPercent(value)} ${formatInterval(interval)}`;
}

/** The bench summary as a Markdown table, for pasting into an issue or a paper draft. */
export function markdownTable(groups: readonly GroupSummary[]): string {
  const header = '| model | spec | mode | judged trials | passes | pass@1 [95% CI] | pass@k (k=n) | pass^k (k=n) | mean tests passed | pass rate by round | tokens / trial | tokens / pass | s / pass | held-out passed | visible − held-out gap | infrastructure errors (excluded) |';
  const rule = '|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|';
  const rows = groups.map(
    (group) =>
      `| ${group.model} | ${group.spec} | ${modeLabel(group)} | ${group.trials} | ${group.passes} | ${withInterval(group.passAtK, group.passAtKInterval, 0)} | ${withInterval(group.passAtK, group.passAtKInterval, -1)} | ${withInterval(group.passHatK, group.passHatKInterval, -1)} | ${group.trials > 0 ? formatPercent(group.meanFractionPassed) : '—'} | ${group.passRateByRound.map(formatPercent).join(' → ')} | ${compact(group.meanTokens)} | ${compact(group.tokensPerVerifiedPass)} | ${group.secondsPerVerifiedPass === undefined ? '—' : group.secondsPerVerifiedPass.toFixed(1)} | ${group.heldOut ? formatPercent(group.heldOut.meanFractionPassed) : '—'} | ${group.heldOut ? formatPercent(group.heldOut.gap) : '—'} | ${group.infrastructureErrors.total} |`,
  );
  return [header, rule, ...rows].join('\n');
}
