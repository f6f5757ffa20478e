import { describe, expect, it } from 'vitest';
import { heldOutModeText, passRates, statusNote } from './held-out.js';
import { RunMetadataSchema } from './run-schemas.js';

describe('passRates', () => {
  it('shows the visible and held-out rates apart when held-out tests were judged', () => {
    expect(passRates({ passed: 12, total: 12, heldOutPassed: 2, heldOutTotal: 4 })).toBe('visible 12/12 · held-out 2/4');
  });

  it('is the old `passed/total` (or —) without held-out figures', () => {
    expect(passRates({ passed: 4, total: 5 })).toBe('4/5');
    expect(passRates({})).toBe('—');
  });
});

describe('the run header', () => {
  it('says how the run treats its held-out tests and, in reveal mode, from which round they are FIX blockers', () => {
    expect(heldOutModeText({ mode: 'measure' })).toBe('measure — judged every round, never shown to the model');
    expect(heldOutModeText({ mode: 'reveal', revealedFromRound: 3 })).toBe('reveal — held-out failures are FIX blockers from round 3 on');
    expect(heldOutModeText({ mode: 'reveal' })).toContain('not revealed');
  });

  it('explains overfit in one line, and nothing for the usual statuses', () => {
    expect(statusNote('overfit')).toMatch(/^Overfit: every visible test passed but held-out tests failed/);
    expect(statusNote('passed')).toBeUndefined();
    expect(statusNote(undefined)).toBeUndefined();
  });

  it('reads a run written before held-out tests existed (no field required)', () => {
    const metadata = RunMetadataSchema.parse({ status: 'passed', best: { round: 1, passed: 3, total: 3 }, rounds: [{ round: 1, passed: 3, total: 3 }] });
    expect(metadata.heldOut).toBeUndefined();
    expect(passRates(metadata.best ?? {})).toBe('3/3');
  });
});
