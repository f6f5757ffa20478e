import { settingLabel, type GroupSummary } from '../shared/bench-schemas.js';
import { hasHeldOut, heldOutRate } from '../shared/held-out.js';
import { BarChart, LineChart } from './charts.js';
import { loadBench } from './data-source.js';
import { formatDuration, formatPercent, formatTokens } from './format.js';
import { runHref } from './route.js';
import { useLoad } from './use-load.js';

/** The mode, and the setting when the bench varies candidates or call concurrency (as `ndli bench` prints it). */
const modeLabel = (entry: Pick<GroupSummary, 'mode' | 'setting'>) => (entry.setting ? `${entry.mode} · ${settingLabel(entry.setting)}` : entry.mode);
const groupLabel = (group: GroupSummary) => `${group.model} · ${group.spec} · ${modeLabel(group)}`;

/** A bench: the report's charts and tables, every trial linked to its run. */
export function BenchPage({ location }: { location: string }) {
  const { value: bench, error } = useLoad(`bench:${location}`, () => loadBench(location));
  if (error) return <p class="problem">{error}</p>;
  if (!bench) return <p class="muted">Loading…</p>;
  const scripted = (bench.plan?.models ?? []).filter((model) => model.startsWith('replay/'));
  // Held-out columns and chart only for a bench whose specs hold tests out: other benches look as they did.
  const heldOutGroups = bench.groups.filter((group) => group.heldOut);
  const heldOutTrials = bench.results.some((result) => hasHeldOut(result.best));
  return (
    <section class="bench-page">
      <h2>Bench {bench.name}</h2>
      {bench.problem ? <p class="problem">{bench.problem}</p> : null}
      {scripted.length > 0 ? <p class="badge scripted">SCRIPTED: {scripted.join(', ')} replay recorded or hand-written answers; no model produced them.</p> : null}
      <p>
        {bench.plan?.models.length ?? 0} model(s) × {bench.plan?.specs.length ?? 0} spec(s) × {bench.plan?.modes.length ?? 0} mode(s) × {bench.plan?.trials ?? '?'} trial(s) · {bench.results.length} finished
      </p>
      {bench.reportUrl ? (
        <p>
          <a href={bench.reportUrl} target="_blank" rel="noreferrer">
            report.html
          </a>{' '}
          <span class="muted">(as `ndli report` wrote it)</span>
        </p>
      ) : null}
      <div class="charts" data-testid="bench-charts">
        <BarChart title="Pass rate (pass@1) per model × spec × mode" bars={bench.groups.map((group) => ({ label: groupLabel(group), value: group.passAtK[0] ?? 0, display: formatPercent(group.passAtK[0] ?? 0) }))} max={1} />
        <LineChart title="Share of trials green by the end of each round" lines={bench.groups.map((group) => ({ label: groupLabel(group), points: group.passRateByRound }))} xLabel="Round" />
        <BarChart
          title="Tokens per verified pass"
          bars={bench.groups.map((group) => ({ label: groupLabel(group), value: group.tokensPerVerifiedPass ?? 0, display: group.tokensPerVerifiedPass === undefined ? 'no pass' : Math.round(group.tokensPerVerifiedPass).toLocaleString('en-US') }))}
        />
        {heldOutGroups.length > 0 ? (
          <BarChart
            title="Held-out tests passed (best round), and the gap to the visible tests"
            bars={heldOutGroups.map((group) => ({
              label: groupLabel(group),
              value: group.heldOut?.meanFractionPassed ?? 0,
              display: `${formatPercent(group.heldOut?.meanFractionPassed)} (gap ${formatPercent(group.heldOut?.gap)}, ${group.heldOut?.overfit ?? 0} overfit)`,
            }))}
            max={1}
          />
        ) : null}
      </div>
      <h3>Summary</h3>
      <table data-testid="summary-table">
        <thead>
          <tr>
            <th>model</th>
            <th>spec</th>
            <th>mode</th>
            <th>trials</th>
            <th>passes</th>
            <th>pass@k</th>
            <th>mean tests passed</th>
            {heldOutGroups.length > 0 ? (
              <>
                <th title="Mean share of held-out tests the best round passed, over the trials that judged them">held-out passed</th>
                <th title="Mean share of visible tests over the same trials">visible passed</th>
                <th title="visible − held-out: how much the model fits the tests it sees">gap</th>
                <th title="Trials that passed every visible test and failed held-out ones (--held-out measure)">overfit</th>
              </>
            ) : null}
            <th>tokens / pass</th>
            <th>s / pass</th>
            <th>failure causes</th>
          </tr>
        </thead>
        <tbody>
          {bench.groups.map((group) => (
            <tr key={groupLabel(group)}>
              <td>{group.model}</td>
              <td>{group.spec}</td>
              <td>{modeLabel(group)}</td>
              <td class="number">{group.trials}</td>
              <td class="number">{group.passes}</td>
              <td>{group.passAtK.map((value, index) => `pass@${index + 1} ${formatPercent(value)}`).join(' · ')}</td>
              <td class="number">{formatPercent(group.meanFractionPassed)}</td>
              {heldOutGroups.length > 0 ? (
                <>
                  <td class="number" data-testid="group-held-out">
                    {group.heldOut ? `${formatPercent(group.heldOut.meanFractionPassed)} (${group.heldOut.trials ?? '?'} trials)` : '—'}
                  </td>
                  <td class="number" data-testid="group-visible">
                    {group.heldOut ? formatPercent(group.heldOut.visibleMeanFractionPassed) : '—'}
                  </td>
                  <td class="number" data-testid="group-gap">
                    {group.heldOut ? formatPercent(group.heldOut.gap) : '—'}
                  </td>
                  <td class="number" data-testid="group-overfit">
                    {group.heldOut ? (group.heldOut.overfit ?? '—') : '—'}
                  </td>
                </>
              ) : null}
              <td class="number">{group.tokensPerVerifiedPass === undefined ? '—' : Math.round(group.tokensPerVerifiedPass)}</td>
              <td class="number">{group.secondsPerVerifiedPass === undefined ? '—' : group.secondsPerVerifiedPass.toFixed(1)}</td>
              <td>
                {Object.entries(group.failureCauses ?? {})
                  .filter(([, count]) => count > 0)
                  .map(([cause, count]) => `${cause} ${count}`)
                  .join(', ') || '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Trials</h3>
      <table data-testid="trials-table">
        <thead>
          <tr>
            <th>model</th>
            <th>spec</th>
            <th>mode</th>
            <th>trial</th>
            <th>status</th>
            <th>end</th>
            <th>tests per round</th>
            {heldOutTrials ? <th>held-out (best)</th> : null}
            <th>tokens</th>
            <th>time</th>
            <th>run</th>
          </tr>
        </thead>
        <tbody>
          {bench.results.map((result) => (
            <tr key={`${result.model}|${result.spec}|${modeLabel(result)}|${result.trial}`}>
              <td>{result.model}</td>
              <td>{result.spec}</td>
              <td>{modeLabel(result)}</td>
              <td class="number">{result.trial}</td>
              <td class={`status ${result.status}`}>{result.status}</td>
              <td>{result.endReason}</td>
              <td>{result.rounds.map((round) => `${round.passed}/${round.total}`).join(' → ') || '—'}</td>
              {heldOutTrials ? <td class="number">{result.best ? heldOutRate(result.best) : '—'}</td> : null}
              <td class="number">{formatTokens((result.tokens?.prompt ?? 0) + (result.tokens?.completion ?? 0))}</td>
              <td class="number">{formatDuration(result.durationMs)}</td>
              <td>{result.runLocation ? <a href={runHref(result.runLocation)}>{result.runDirectory}</a> : <span class="muted">{result.runDirectory ?? '—'} (not found)</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
