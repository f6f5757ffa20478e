import { hasHeldOut, passRates } from '../shared/held-out.js';
import { roundSteps, type RoundStep } from '../shared/round-steps.js';
import { verdictOutcome } from '../shared/verdict-comparison.js';
import type { RoundView } from '../shared/view-model.js';
import { formatDuration, formatTokens } from './format.js';

export interface Selection {
  round: number;
  step: RoundStep;
}

function sameStep(a: RoundStep, b: RoundStep): boolean {
  return a.kind === b.kind && (a.kind === 'verdict' || (b.kind !== 'verdict' && a.index === b.index));
}

function stepLabel(round: RoundView, step: RoundStep): { label: string; detail: string; flags: string[] } {
  if (step.kind === 'verdict') {
    const verdict = round.verdict;
    // verdict.json counts held-out tests too: the round's summary has the two rates apart.
    const figures = hasHeldOut(round.summary) && round.summary ? passRates(round.summary) : verdict ? `${verdict.passed}/${verdict.total}` : '';
    return { label: 'VERDICT', detail: verdict ? figures : '', flags: verdict ? [verdictOutcome(verdict), ...(verdict.judgeErrors.length > 0 && verdict.failed > 0 ? ['judge-error'] : [])] : [] };
  }
  if (step.kind === 'state') {
    const snapshot = round.states[step.index];
    const state = snapshot?.state;
    const name = snapshot?.name.replace(/^state_/, '') ?? '?';
    return { label: `state ${name}`, detail: state ? `${state.solved_tasks.length}✓ ${state.unsolved_tasks.length}?` : 'unreadable', flags: state ? [] : ['problem'] };
  }
  const call = round.calls[step.index];
  const record = call?.record;
  const phase = (record?.phase ?? 'call').toUpperCase();
  const tokens = (record?.usage?.promptTokens ?? 0) + (record?.usage?.completionTokens ?? 0);
  const flags = [
    ...(record?.error ? ['error'] : []),
    ...((record?.attempt ?? 1) > 1 ? [`attempt ${record?.attempt}`] : []),
    ...((record?.serverAttempts ?? []).length > 0 ? [`${record?.serverAttempts?.length} server retr.`] : []),
    ...((record?.mends ?? []).length > 0 ? [`${record?.mends?.length} mended`] : []),
    ...(record?.reasoning ? ['reasoning'] : []),
  ];
  return { label: `${phase}${record?.iteration ? ` ${record.iteration}` : ''}`, detail: `${formatTokens(tokens)} tok · ${formatDuration(record?.timings?.totalMs)}`, flags };
}

/** `refineOutput` (full states or changes) as the inner loop recorded it, wherever it put it. */
function refineOutput(round: RoundView): string | undefined {
  const inner = round.innerMetadata;
  const settings = inner?.['settings'];
  const value = inner?.['refineOutput'] ?? (typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>)['refineOutput'] : undefined);
  return typeof value === 'string' ? value : undefined;
}

const NOTE_TYPES = new Set(['warning', 'refine-failed', 'stalled', 'max-refinements']);

/** What the inner loop warned about in this round (a dropped task, a REFINE that failed, a stall). */
function RoundNotes({ round }: { round: RoundView }) {
  const notes = round.events.filter((event) => NOTE_TYPES.has(event.type));
  if (notes.length === 0) return null;
  return (
    <ul class="round-notes" data-testid="round-notes">
      {notes.map((event, index) => (
        <li key={index}>
          ⚠ {event.type}: {typeof event['message'] === 'string' ? event['message'] : `after ${String(event['refinements'] ?? '?')} refinement(s)`}
        </li>
      ))}
    </ul>
  );
}

/** The rounds as a timeline: INIT/FIX, REFINE ×N, GENERATE, the verdict; fresh starts marked. */
export function RoundTimeline({
  rounds,
  selection,
  onSelect,
  revealedFromRound,
}: {
  rounds: readonly RoundView[];
  selection: Selection | undefined;
  onSelect: (selection: Selection) => void;
  /** `--held-out reveal`: the first round whose FIX blockers include held-out failures. */
  revealedFromRound?: number | undefined;
}) {
  return (
    <div class="timeline" data-testid="timeline">
      {rounds.map((round) => (
        <div key={round.round} class="round" data-round={round.round}>
          <div class="round-head">
            {round.freshStart ? <span class="badge fresh" data-testid="fresh-start">FRESH START</span> : null}
            <strong>Round {round.round}</strong> <span class="muted">{round.kind.toUpperCase()}</span>
            {round.summary?.status ? <span class="muted"> · {round.summary.status}</span> : null}
            {round.summary?.innerEndReason ? <span class="muted"> · {round.summary.innerEndReason}</span> : null}
            {typeof round.summary?.['attempt'] === 'number' ? <span class="muted"> · attempt {round.summary['attempt']}</span> : null}
            {refineOutput(round) ? <span class="muted"> · REFINE answers: {refineOutput(round)}</span> : null}
            {round.summary && hasHeldOut(round.summary) ? (
              <span class="pass-rates" data-testid="round-pass-rates">
                {' '}
                · {passRates(round.summary)}
              </span>
            ) : null}
            {revealedFromRound === round.round ? (
              <span class="badge revealed" data-testid="held-out-revealed">
                HELD-OUT REVEALED — their failures are FIX blockers from this round on
              </span>
            ) : null}
          </div>
          <RoundNotes round={round} />
          <div class="steps">
            {roundSteps(round).map((step) => {
              const { label, detail, flags } = stepLabel(round, step);
              const selected = selection?.round === round.round && sameStep(selection.step, step);
              return (
                <button
                  type="button"
                  key={`${step.kind}-${step.kind === 'verdict' ? 0 : step.index}`}
                  class={`step ${step.kind} ${selected ? 'selected' : ''} ${flags.map((flag) => `flag-${flag.split(' ')[0]}`).join(' ')}`}
                  data-step={`${round.round}:${label}`}
                  onClick={() => onSelect({ round: round.round, step })}
                >
                  <span class="step-label">{label}</span>
                  <span class="step-detail">{detail}</span>
                  {flags.map((flag) => (
                    <span key={flag} class="flag">
                      {flag}
                    </span>
                  ))}
                </button>
              );
            })}
          </div>
        </div>
      ))}
    </div>
  );
}
