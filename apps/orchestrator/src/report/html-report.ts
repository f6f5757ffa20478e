import type { BenchPlan } from '../bench/bench-plan.js';
import { modeLabel, type GroupSummary } from '../bench/summarize.js';
import type { TrialResult } from '../bench/trial-result.js';
import { formatInterval, formatPercent } from './format-statistics.js';
import { markdownTable } from './markdown-table.js';
import { barChart, escapeHtml, lineChart } from './svg-charts.js';

const percent = formatPercent;

function groupLabel(group: GroupSummary): string {
  return `${group.model} · ${group.spec} · ${modeLabel(group)}`;
}

/** pass@k or pass^k for every k, each with its 95 % interval. */
function figuresByK(symbol: string, values: readonly number[], intervals: GroupSummary['passAtKInterval']): string {
  return values.map((value, index) => `${symbol}${index + 1} ${percent(value)} ${intervals[index] ? formatInterval(intervals[index]) : ''}`).join('<br>') || '—';
}

function infrastructureCell(group: GroupSummary): string {
  const { total, modelServer, judge, crash } = group.infrastructureErrors;
  if (total === 0) return '—';
  return `${total} (${[modelServer > 0 ? `server ${modelServer}` : '', judge > 0 ? `judge ${judge}` : '', crash > 0 ? `crash ${crash}` : ''].filter((part) => part !== '').join(', ')})`;
}

function trialRows(results: readonly TrialResult[]): string {
  return results
    .map((result) => {
      const link = `${result.runDirectory}/run_metadata.json`;
      const rounds = result.rounds.map((round) => `${round.passed}/${round.total}`).join(' → ') || '—';
      return `<tr><td>${escapeHtml(result.model)}</td><td>${escapeHtml(result.spec)}</td><td>${result.mode}</td><td>${result.trial}</td><td class="${result.status}">${result.status}${result.errorCause ? ` (${result.errorCause})` : ''}</td><td>${escapeHtml(result.endReason)}</td><td>${rounds}</td><td>${result.tokens.prompt + result.tokens.completion}</td><td>${(result.durationMs / 1000).toFixed(1)}</td><td><a href="${escapeHtml(link)}">${escapeHtml(result.runDirectory)}</a></td></tr>`;
    })
    .join('\n');
}

/** One self-contained HTML file: tables and inline-SVG charts, links to each trial's run directory. */
export function htmlReport(plan: BenchPlan, groups: readonly GroupSummary[], results: readonly TrialResult[]): string {
  const scripted = plan.models.filter((model) => model.startsWith('replay/'));
  const passRate = barChart('pass-rate', 'Pass rate (pass@1) per model × spec × mode', groups.map((group) => ({ label: groupLabel(group), value: group.passAtK[0] ?? 0, display: percent(group.passAtK[0] ?? 0) })), 1);
  const byRound = lineChart('pass-by-round', 'Share of trials green by the end of each round', groups.map((group) => ({ label: groupLabel(group), points: group.passRateByRound })), 'Round');
  const cost = barChart(
    'cost',
    'Tokens per verified pass',
    groups.map((group) => ({ label: groupLabel(group), value: group.tokensPerVerifiedPass ?? 0, display: group.tokensPerVerifiedPass === undefined ? 'no pass' : Math.round(group.tokensPerVerifiedPass).toLocaleString('en-US') })),
  );
  // "N candidates or N rounds at the same budget?": each group's pass rate beside what a trial spent.
  const passForTokens = barChart(
    'pass-for-tokens',
    'Pass rate (pass@1) against mean tokens spent per trial',
    groups.map((group) => ({ label: `${groupLabel(group)} · ${Math.round(group.meanTokens).toLocaleString('en-US')} tokens/trial`, value: group.passAtK[0] ?? 0, display: percent(group.passAtK[0] ?? 0) })),
    1,
  );
  const heldOutGroups = groups.filter((group) => group.heldOut);
  const heldOut =
    heldOutGroups.length === 0
      ? ''
      : barChart(
          'held-out',
          'Held-out tests passed (best round), and the gap to the visible tests',
          heldOutGroups.map((group) => ({ label: groupLabel(group), value: group.heldOut?.meanFractionPassed ?? 0, display: `${percent(group.heldOut?.meanFractionPassed ?? 0)} (gap ${percent(group.heldOut?.gap ?? 0)}, ${group.heldOut?.overfit ?? 0} overfit)` })),
          1,
        );
  const summaryRows = groups
    .map(
      (group) =>
        `<tr><td>${escapeHtml(group.model)}</td><td>${escapeHtml(group.spec)}</td><td>${escapeHtml(modeLabel(group))}</td><td>${group.trials}</td><td>${group.passes}</td><td>${figuresByK('pass@', group.passAtK, group.passAtKInterval)}</td><td>${figuresByK('pass^', group.passHatK, group.passHatKInterval)}</td><td>${percent(group.meanFractionPassed)}</td><td>${group.tokensPerVerifiedPass === undefined ? '—' : Math.round(group.tokensPerVerifiedPass)}</td><td>${group.secondsPerVerifiedPass === undefined ? '—' : group.secondsPerVerifiedPass.toFixed(1)}</td><td>${Object.entries(group.failureCauses).filter(([, count]) => count > 0).map(([cause, count]) => `${cause} ${count}`).join(', ') || '—'}</td><td>${infrastructureCell(group)}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>NDLI bench ${escapeHtml(plan.id)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#111;max-width:1200px}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f5}.passed{color:#15803d}.failed,.error{color:#b91c1c}.stalled{color:#a16207}
.scripted{background:#fef3c7;border:1px solid #f59e0b;padding:.5rem 1rem}figure{margin:1rem 0}pre{background:#f4f4f5;padding:1rem;overflow:auto}
</style></head><body>
<h1>NDLI bench <code>${escapeHtml(plan.id)}</code></h1>
<p>${plan.models.length} model(s) × ${plan.specs.length} spec(s) × ${plan.modes.length} mode(s) × ${plan.trials} trial(s) · ${results.length} trial(s) finished · created ${escapeHtml(plan.createdAt)}</p>
${scripted.length > 0 ? `<p class="scripted">SCRIPTED: ${scripted.map(escapeHtml).join(', ')} replay recorded or hand-written answers; no model produced them.</p>` : ''}
<h2>Charts</h2>
${passRate}
${byRound}
${cost}
${passForTokens}
${heldOut}
<h2>Summary</h2>
<table><thead><tr><th>model</th><th>spec</th><th>mode</th><th>judged trials</th><th>passes</th><th>pass@k [95% CI]</th><th>pass^k [95% CI]</th><th>mean tests passed</th><th>tokens / pass</th><th>s / pass</th><th>failure causes</th><th>infrastructure errors (excluded)</th></tr></thead>
<tbody>${summaryRows}</tbody></table>
<p>Intervals are 95 % Wilson score intervals of the pass rate, mapped to pass@k = 1 − (1 − p)^k and pass^k = p^k. Trials that ended <code>error</code> (model server unreachable or failing after retries, judge error, crash) say nothing about the model: they are listed below and left out of every figure; <code>ndli bench --resume</code> runs them again.</p>
<h2>Trials</h2>
<table><thead><tr><th>model</th><th>spec</th><th>mode</th><th>trial</th><th>status</th><th>end</th><th>tests per round</th><th>tokens</th><th>s</th><th>run</th></tr></thead>
<tbody>${trialRows(results)}</tbody></table>
<h2>Markdown</h2>
<pre>${escapeHtml(markdownTable(groups))}</pre>
</body></html>
`;
}
