import { useMemo, useState } from 'preact/hooks';
import { passRates } from '../shared/held-out.js';
import type { RunListItem } from '../shared/view-model.js';
import { formatDate, formatDuration, formatTokens } from './format.js';
import { runHref } from './route.js';

type SortKey = 'startedAt' | 'status' | 'spec' | 'model' | 'mode' | 'rounds' | 'passed' | 'tokens' | 'durationMs';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'status', label: 'status' },
  { key: 'spec', label: 'spec' },
  { key: 'model', label: 'model' },
  { key: 'mode', label: 'mode' },
  { key: 'rounds', label: 'rounds' },
  { key: 'passed', label: 'tests passed' },
  { key: 'tokens', label: 'tokens' },
  { key: 'durationMs', label: 'time' },
  { key: 'startedAt', label: 'started' },
];

function sortValue(run: RunListItem, key: SortKey): string | number {
  if (key === 'passed') return run.total ? (run.passed ?? 0) / run.total : -1;
  const value = run[key];
  return value ?? '';
}

/** Every run under the roots: sortable by any column, filtered by a free-text box (status, spec, model, mode, name). */
export function RunsList({ runs }: { runs: readonly RunListItem[] }) {
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'startedAt', descending: true });
  const shown = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter((word) => word !== '');
    const matching = runs.filter((run) => {
      const haystack = `${run.name} ${run.status} ${run.spec} ${run.model} ${run.mode} ${run.bench ?? ''} ${run.scripted ? 'scripted' : ''}`.toLowerCase();
      return words.every((word) => haystack.includes(word));
    });
    return [...matching].sort((a, b) => {
      const [x, y] = [sortValue(a, sort.key), sortValue(b, sort.key)];
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return sort.descending ? -order : order;
    });
  }, [runs, filter, sort]);
  return (
    <section>
      <h2>Runs</h2>
      <input class="filter" type="search" placeholder="filter: status, spec, model, mode, scripted…" value={filter} onInput={(event) => setFilter(event.currentTarget.value)} aria-label="filter runs" />
      <table class="runs" data-testid="runs-table">
        <thead>
          <tr>
            <th>run</th>
            {COLUMNS.map((column) => (
              <th key={column.key}>
                <button type="button" class="sort" onClick={() => setSort({ key: column.key, descending: sort.key === column.key ? !sort.descending : false })}>
                  {column.label}
                  {sort.key === column.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((run) => (
            <tr key={run.location} data-run={run.name}>
              <td>
                <a href={runHref(run.location)}>{run.name}</a>
                {run.bench ? <span class="muted"> · {run.bench}</span> : null}
                {run.problem ? <div class="problem">{run.problem}</div> : null}
              </td>
              <td class={`status ${run.status}`}>{run.status}</td>
              <td>{run.spec}</td>
              <td>
                {run.model}
                {run.scripted ? <span class="badge scripted" title="recorded or hand-written answers; no model produced them">SCRIPTED</span> : null}
              </td>
              <td>{run.mode}</td>
              <td class="number">{run.rounds}</td>
              <td class="number">{passRates(run)}</td>
              <td class="number">{formatTokens(run.tokens)}</td>
              <td class="number">{formatDuration(run.durationMs)}</td>
              <td>{formatDate(run.startedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 ? <p class="muted">No run matches.</p> : null}
    </section>
  );
}
