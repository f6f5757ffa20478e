import { useEffect, useState } from 'preact/hooks';
import { hasHeldOut, heldOutModeText, passRates, statusNote } from '../shared/held-out.js';
import type { RoundSummary } from '../shared/run-schemas.js';
import { bestEarlier } from '../shared/verdict-comparison.js';
import type { RoundView, RunView, StateSnapshot } from '../shared/view-model.js';
import { CallDetail } from './call-detail.js';
import { CandidatesTable } from './candidates-table.js';
import { loadRun, watchRun } from './data-source.js';
import { formatDate, formatDuration, formatTokens } from './format.js';
import { RoundTimeline, type Selection } from './round-timeline.js';
import { StateDetail } from './state-detail.js';
import { useLoad } from './use-load.js';
import { ArtifactFrame, VerdictDetail } from './verdict-detail.js';

/** The state a state is compared with: the one before it in the round, else the previous round's last (not after a fresh start). */
function previousState(rounds: readonly RoundView[], roundIndex: number, stateIndex: number): StateSnapshot | undefined {
  const round = rounds[roundIndex];
  if (!round) return undefined;
  if (stateIndex > 0) return round.states[stateIndex - 1];
  if (round.freshStart) return undefined;
  return rounds[roundIndex - 1]?.states.at(-1);
}

/** A round's held-out tests: their pass rate beside the visible one, the ones that failed, and whether the model has seen any. */
function HeldOutSection({ summary, revealedFromRound }: { summary: RoundSummary | undefined; revealedFromRound: number | undefined }) {
  if (!summary || !hasHeldOut(summary)) return null;
  const failing = summary.heldOutFailingTitles ?? [];
  const revealed = revealedFromRound !== undefined && summary.round >= revealedFromRound;
  return (
    <div class="held-out" data-testid="held-out-detail">
      <h4>
        Held-out tests: {summary.heldOutPassed ?? 0}/{summary.heldOutTotal} passed <span class="muted">· visible tests {summary.total === undefined ? '—' : `${summary.passed ?? 0}/${summary.total}`}</span>
      </h4>
      <p class="muted">
        {revealed ? `Judged every round; their failures are FIX blockers from round ${revealedFromRound} on (--held-out reveal).` : 'Judged every round, never shown to the model.'} The verdict below
        counts every test, held-out ones included.
      </p>
      {failing.length > 0 ? (
        <div class="name-list" data-testid="held-out-failing">
          <h5>
            Held-out tests failing <span class="count">{failing.length}</span>
          </h5>
          <ul>
            {failing.map((title) => (
              <li key={title}>{title}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function Detail({ run, selection }: { run: RunView; selection: Selection }) {
  const roundIndex = run.rounds.findIndex((round) => round.round === selection.round);
  const round = run.rounds[roundIndex];
  if (!round) return null;
  const { step } = selection;
  if (step.kind === 'call') {
    const call = round.calls[step.index];
    return call ? <CallDetail call={call} /> : null;
  }
  if (step.kind === 'state') {
    const snapshot = round.states[step.index];
    return snapshot ? <StateDetail snapshot={snapshot} previous={previousState(run.rounds, roundIndex, step.index)} /> : null;
  }
  if (!round.verdict) return <p class="problem">{round.verdictProblem ?? 'No verdict yet.'}</p>;
  const earlier = run.rounds.slice(0, roundIndex).filter((item) => item.verdict);
  const previous = earlier.at(-1);
  const best = bestEarlier(earlier);
  return (
    <div class="verdict-and-artifact">
      {round.candidates ? <CandidatesTable candidates={round.candidates} /> : null}
      <VerdictDetail
        verdict={round.verdict}
        links={round.failureLinks}
        previous={previous?.verdict ? { label: `round ${previous.round}`, verdict: previous.verdict } : undefined}
        best={best?.verdict && best !== previous ? { label: `round ${best.round}`, verdict: best.verdict } : undefined}
        heldOutTitles={round.summary?.heldOutFailingTitles ? new Set(round.summary.heldOutFailingTitles) : undefined}
      >
        <HeldOutSection summary={round.summary} revealedFromRound={run.metadata?.heldOut?.revealedFromRound} />
      </VerdictDetail>
      {round.artifactUrl ? <ArtifactFrame url={round.artifactUrl} title={`round ${round.round} artifact`} /> : null}
    </div>
  );
}

function defaultSelection(run: RunView): Selection | undefined {
  const last = run.rounds.at(-1);
  if (!last) return undefined;
  if (last.verdict) return { round: last.round, step: { kind: 'verdict' } };
  if (last.states.length > 0) return { round: last.round, step: { kind: 'state', index: last.states.length - 1 } };
  return undefined;
}

/** One run: its facts, the timeline of its rounds, and the selected state, call or verdict. Grows live while the run writes. */
export function RunPage({ location }: { location: string }) {
  const { value: run, error, reload } = useLoad(`run:${location}`, () => loadRun(location));
  const [selection, setSelection] = useState<Selection | undefined>(undefined);
  useEffect(() => watchRun(location, reload), [location, reload]);
  if (error && !run) return <p class="problem">{error}</p>;
  if (!run) return <p class="muted">Loading…</p>;
  const metadata = run.metadata;
  const shown = selection ?? defaultSelection(run);
  const note = statusNote(metadata?.status);
  return (
    <section class="run-page">
      <h2>
        {run.name} <span class={`status ${metadata?.status ?? ''}`} data-testid="run-status">{metadata?.status ?? 'unknown'}</span>
        {metadata?.model?.scripted ? <span class="badge scripted">SCRIPTED — replayed answers, no model involved</span> : null}
      </h2>
      {note ? (
        <p class="status-note" data-testid="status-note">
          {note}
        </p>
      ) : null}
      {run.metadataProblem ? <p class="problem">{run.metadataProblem}</p> : null}
      <dl class="facts">
        <dt>spec</dt>
        <dd>{metadata?.spec ?? '—'}</dd>
        <dt>model</dt>
        <dd>{metadata?.model?.spec ?? '—'}</dd>
        <dt>mode</dt>
        <dd>{metadata?.mode ?? '—'}</dd>
        <dt>rounds</dt>
        <dd data-testid="round-count">{run.rounds.length}</dd>
        <dt>best</dt>
        <dd data-testid="best">{metadata?.best ? `${passRates(metadata.best)} (round ${metadata.best.round})` : '—'}</dd>
        {metadata?.heldOut ? (
          <>
            <dt>held-out</dt>
            <dd data-testid="held-out-mode">{heldOutModeText(metadata.heldOut)}</dd>
          </>
        ) : null}
        <dt>tokens</dt>
        <dd>
          {formatTokens(metadata?.tokens?.prompt)} prompt / {formatTokens(metadata?.tokens?.completion)} completion
        </dd>
        <dt>time</dt>
        <dd>{formatDuration(metadata?.durationMs)}</dd>
        <dt>started</dt>
        <dd>{formatDate(metadata?.startedAt)}</dd>
        {typeof metadata?.['restarts'] === 'number' ? (
          <>
            <dt>fresh starts</dt>
            <dd>{metadata['restarts']}</dd>
          </>
        ) : null}
        <dt>end</dt>
        <dd>
          {metadata?.endReason ?? '—'}
          {metadata?.error ? ` · ${metadata.error.code}: ${metadata.error.message}` : ''}
        </dd>
      </dl>
      <RoundTimeline rounds={run.rounds} selection={shown} onSelect={setSelection} revealedFromRound={metadata?.heldOut?.revealedFromRound} />
      <div class="detail">{shown ? <Detail run={run} selection={shown} /> : <p class="muted">Nothing recorded yet; this page updates as the run writes.</p>}</div>
    </section>
  );
}
