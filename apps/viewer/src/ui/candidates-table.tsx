import { hasHeldOut, heldOutRate } from '../shared/held-out.js';
import type { CandidateView } from '../shared/view-model.js';
import { formatTokens } from './format.js';

function tokensOf(summary: Record<string, unknown> | undefined): number | undefined {
  const tokens = summary?.['tokens'];
  if (typeof tokens !== 'object' || tokens === null) return undefined;
  const { prompt, completion } = tokens as { prompt?: unknown; completion?: unknown };
  return typeof prompt === 'number' && typeof completion === 'number' ? prompt + completion : undefined;
}

function outcomeOf(candidate: CandidateView): string {
  const summary = candidate.summary;
  // With held-out tests verdict.json counts every test: the visible figures are the summary's.
  if (hasHeldOut(summary) && summary?.total !== undefined) return `${summary.passed ?? 0}/${summary.total} passed`;
  if (candidate.verdict) return `${candidate.verdict.passed}/${candidate.verdict.total} passed`;
  const error = summary?.['error'];
  if (typeof error === 'object' && error !== null && 'code' in error) return `error: ${String(error.code)}`;
  return String(summary?.['status'] ?? 'not judged');
}

/** A round's candidates: each one's verdict, tokens and artifact; the selected one (the round's result) marked. */
export function CandidatesTable({ candidates }: { candidates: readonly CandidateView[] }) {
  // Only a spec that holds tests out gets the column: other runs' tables stay as they were.
  const heldOut = candidates.some((candidate) => hasHeldOut(candidate.summary));
  return (
    <table class="candidates" data-testid="candidates-table">
      <caption>Candidates (▶ the round's artifact: most visible tests passed{heldOut ? '; a tie goes to more held-out tests passed' : ''})</caption>
      <thead>
        <tr>
          <th>#</th>
          <th>{heldOut ? 'visible tests' : 'verdict'}</th>
          {heldOut ? <th>held-out tests</th> : null}
          <th>tokens</th>
          <th>calls</th>
          <th>artifact</th>
        </tr>
      </thead>
      <tbody>
        {candidates.map((candidate) => (
          <tr key={candidate.candidate}>
            <td>{`${candidate.selected ? '▶ ' : ''}${candidate.candidate}`}</td>
            <td>{outcomeOf(candidate)}</td>
            {heldOut ? <td data-testid="candidate-held-out">{candidate.summary ? heldOutRate(candidate.summary) : '—'}</td> : null}
            <td>{formatTokens(tokensOf(candidate.summary))}</td>
            <td>{candidate.candidate === 1 ? "the round's" : candidate.calls.length}</td>
            <td>{candidate.artifactUrl ? <a href={candidate.artifactUrl} target="_blank" rel="noreferrer">open</a> : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
