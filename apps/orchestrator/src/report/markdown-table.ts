import type { GroupSummary } from '../bench/summarize.js';

const percent = (value: number) => `${(value * 100).toFixed(0)}%`;
const compact = (value: number | undefined) => (value === undefined ? '—' : value >= 1000 ? `${(value / 1000).toFixed(1)}k` : value.toFixed(0));

/** The bench summary as a Markdown table, for pasting into an issue or a paper draft. */
export function markdownTable(groups: readonly GroupSummary[]): string {
  const header = '| model | spec | mode | trials | pass@1 | pass@k (k=n) | mean tests passed | pass rate by round | tokens / pass | s / pass |';
  const rule = '|---|---|---|---:|---:|---:|---:|---|---:|---:|';
  const rows = groups.map(
    (group) =>
      `| ${group.model} | ${group.spec} | ${group.mode} | ${group.trials} | ${percent(group.passAtK[0] ?? 0)} | ${percent(group.passAtK.at(-1) ?? 0)} | ${percent(group.meanFractionPassed)} | ${group.passRateByRound.map(percent).join(' → ')} | ${compact(group.tokensPerVerifiedPass)} | ${group.secondsPerVerifiedPass === undefined ? '—' : group.secondsPerVerifiedPass.toFixed(1)} |`,
  );
  return [header, rule, ...rows].join('\n');
}
