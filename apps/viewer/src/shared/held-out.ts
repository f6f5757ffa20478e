import type { RunMetadata } from './run-schemas.js';

/**
 * Held-out tests: a spec's tests judged every round but never shown to the model. Wherever they exist,
 * `passed`/`total` count the visible tests only and `heldOutPassed`/`heldOutTotal` the held-out ones, so the
 * two rates are always shown apart; without them (older runs, specs holding nothing out) nothing changes.
 */
export interface PassFigures {
  passed?: number | undefined;
  total?: number | undefined;
  heldOutPassed?: number | undefined;
  heldOutTotal?: number | undefined;
}

export function hasHeldOut(figures: PassFigures | undefined): boolean {
  return figures?.heldOutTotal !== undefined;
}

export function heldOutRate(figures: PassFigures): string {
  return figures.heldOutTotal === undefined ? '—' : `${figures.heldOutPassed ?? 0}/${figures.heldOutTotal}`;
}

/** `12/12` as before; `visible 12/12 · held-out 2/4` when held-out tests were judged. */
export function passRates(figures: PassFigures): string {
  const visible = figures.total === undefined ? '—' : `${figures.passed ?? 0}/${figures.total}`;
  return hasHeldOut(figures) ? `visible ${visible} · held-out ${heldOutRate(figures)}` : visible;
}

/** One line on a run status a reader may not know; undefined for the self-explaining ones. */
export function statusNote(status: string | undefined): string | undefined {
  if (status === 'overfit') return 'Overfit: every visible test passed but held-out tests failed (--held-out measure): the app fits the tests the model saw, not the whole spec.';
  return undefined;
}

/** How the run treats its held-out tests, as the run header says it. */
export function heldOutModeText(heldOut: NonNullable<RunMetadata['heldOut']>): string {
  if (heldOut.mode === 'measure') return 'measure — judged every round, never shown to the model';
  if (heldOut.mode === 'reveal') {
    return heldOut.revealedFromRound === undefined
      ? 'reveal — not revealed: no round passed the visible tests with held-out ones failing'
      : `reveal — held-out failures are FIX blockers from round ${heldOut.revealedFromRound} on`;
  }
  return heldOut.mode ?? '—';
}
