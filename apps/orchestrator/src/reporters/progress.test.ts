import { afterEach, describe, expect, it, vi } from 'vitest';
import { Progress, formatCallProgress, isCallProgressEvent } from './progress.js';

afterEach(() => {
  vi.useRealTimers();
});

/** Collects what would reach a terminal. */
function fakeStream(): { stream: NodeJS.WriteStream; written: () => string } {
  let text = '';
  const stream = { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WriteStream;
  return { stream, written: () => text };
}

describe('formatCallProgress', () => {
  it('renders the live call line', () => {
    expect(formatCallProgress({ type: 'call-progress', phase: 'refine', iteration: 2, completionTokens: 1240, tokensPerSecond: 38.4, elapsedMs: 32_400 })).toBe('refine 2 · 1,240 tok · 38 tok/s · 32 s');
  });

  it('leaves out what is not known yet, and iteration 0 of single-shot phases', () => {
    expect(formatCallProgress({ type: 'call-progress', phase: 'init', iteration: 0, completionTokens: 3, elapsedMs: 900 })).toBe('init · 3 tok · 1 s');
  });

  it('recognises the event by its type', () => {
    expect(isCallProgressEvent({ type: 'call-progress' })).toBe(true);
    expect(isCallProgressEvent({ type: 'phase-start' })).toBe(false);
  });
});

describe('Progress', () => {
  it('shows the live line in place of the label while spinning', () => {
    vi.useFakeTimers();
    const { stream, written } = fakeStream();
    const progress = new Progress(stream, true);
    progress.start('waiting for the model (refine)…');
    vi.advanceTimersByTime(100);
    expect(written()).toMatch(/waiting for the model \(refine\)… \d+s$/);
    progress.update('refine 2 · 10 tok · 5 tok/s · 2 s');
    vi.advanceTimersByTime(100);
    expect(written()).toMatch(/refine 2 · 10 tok · 5 tok\/s · 2 s$/);
    progress.stop();
  });

  it('writes nothing when not interactive', () => {
    vi.useFakeTimers();
    const { stream, written } = fakeStream();
    const progress = new Progress(stream, false);
    progress.start('x');
    progress.update('refine 1 · 1 tok · 1 s');
    vi.advanceTimersByTime(500);
    expect(written()).toBe('');
  });
});
