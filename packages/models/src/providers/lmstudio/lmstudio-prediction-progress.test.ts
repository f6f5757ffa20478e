import { describe, expect, it } from 'vitest';
import type { GenerationProgress } from '../../language-model.js';
import { PredictionProgress } from './lmstudio-prediction-progress.js';

/** A clock the test moves by hand: figures are checked exactly, nothing waits. */
function manualClock(start = 1000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => void (time += ms) };
}

const answer = (tokensCount = 1) => ({ tokensCount, reasoningType: 'none' as const });

describe('PredictionProgress', () => {
  it('measures time to first token from the start, and tokens/s over the tokens after the first fragment', () => {
    const clock = manualClock();
    const progress = new PredictionProgress(clock.now(), undefined, 250, clock.now);
    clock.advance(400);
    progress.fragment(answer());
    for (let index = 0; index < 10; index += 1) {
      clock.advance(100);
      progress.fragment(answer(2));
    }
    // 20 tokens in the 1 s after the first fragment.
    expect(progress.figures()).toEqual({ completionTokens: 21, reasoningTokens: 0, timeToFirstTokenMs: 400, tokensPerSecond: 20 });
  });

  it('has no speed before a second fragment, and no first token before any', () => {
    const clock = manualClock();
    const progress = new PredictionProgress(clock.now(), undefined, 250, clock.now);
    expect(progress.figures()).toMatchObject({ completionTokens: 0, timeToFirstTokenMs: undefined, tokensPerSecond: undefined });
    progress.fragment(answer());
    expect(progress.figures().tokensPerSecond).toBeUndefined();
  });

  it('reports at most once per interval, and finish() adds the final figures only when they changed', () => {
    const clock = manualClock();
    const reports: GenerationProgress[] = [];
    const progress = new PredictionProgress(clock.now(), (report) => reports.push(report), 250, clock.now);
    for (let index = 0; index < 10; index += 1) {
      clock.advance(100);
      progress.fragment(answer());
    }
    // Fragments at 100 … 1000 ms: reports at 100, 400, 700, 1000.
    expect(reports.map((report) => report.elapsedMs)).toEqual([100, 400, 700, 1000]);
    progress.finish();
    expect(reports).toHaveLength(4);
    clock.advance(50);
    progress.fragment(answer());
    progress.finish();
    expect(reports.at(-1)).toMatchObject({ completionTokens: 11, elapsedMs: 1050 });
  });

  it('counts reasoning fragments (and their tags) as reasoning tokens, within the completion tokens', () => {
    const clock = manualClock();
    const reports: GenerationProgress[] = [];
    const progress = new PredictionProgress(clock.now(), (report) => reports.push(report), 0, clock.now);
    progress.fragment({ tokensCount: 1, reasoningType: 'reasoningStartTag' });
    progress.fragment({ tokensCount: 30, reasoningType: 'reasoning' });
    progress.fragment({ tokensCount: 1, reasoningType: 'reasoningEndTag' });
    progress.fragment(answer(5));
    expect(progress.figures()).toMatchObject({ completionTokens: 37, reasoningTokens: 32 });
    expect(reports[0]).not.toHaveProperty('reasoningTokens', 0);
    expect(reports.at(-1)).toMatchObject({ completionTokens: 37, reasoningTokens: 32 });
  });

  it('survives a progress listener that throws', () => {
    const clock = manualClock();
    const progress = new PredictionProgress(clock.now(), () => {
      throw new Error('console gone');
    }, 0, clock.now);
    expect(() => {
      progress.fragment(answer());
      progress.finish();
    }).not.toThrow();
    expect(progress.figures().completionTokens).toBe(1);
  });
});
