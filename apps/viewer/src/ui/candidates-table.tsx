import type { CandidateView } from '../shared/view-model.js';
import { formatTokens } from './format.js';

function tokensOf(summary: Record<string, unknown> | undefined): number | undefined {
  const tokens = summary?.['tokens'];
  if (typeof tokens !== 'object' || tokens === null) return undefined;
  const { prompt, completion } = tokens as { prompt?: unknown; completion?: unknown };
  return typeof prompt === 'number' && typeof completion === 'number' ? prompt + completion : undefined;
}

function outcomeOf(candidate: CandidateView): string {
  if (candidate.verdict) return `${candidate.verdict.passed}/${candidate.verdict.total} passed`;
  const error = candidate.summary?.['error'];
  if (typeof error === 'object' && error !== null && 'code' in error) return `error: ${String(error.code)}`;
  return String(candidate.summary?.['status'] ?? 'not judged');
}

/** A round's candidates: each one's verdict, tokens and artifact; the selected one (the round's result) marked. */
export function CandidatesTable({ candidates }: { candidates: readonly CandidateView[] }) {
  return (
    <table class="candidates">
      <caption>Candidates (▶ the round's artifact: most visible tests passed)</caption>
      <thead>
        <tr>
          <th>#</th>
          <th>verdict</th>
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
            <td>{formatTokens(tokensOf(candidate.summary))}</td>
            <td>{candidate.candidate === 1 ? "the round's" : candidate.calls.length}</td>
            <td>{candidate.artifactUrl ? <a href={candidate.artifactUrl} target="_blank" rel="noreferrer">open</a> : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
