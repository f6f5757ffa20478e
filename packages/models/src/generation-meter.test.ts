import { describe, expect, it } from 'vitest';
import { GenerationMeter, PROGRESS_INTERVAL_MS } from './generation-meter.js';
import type { GenerationProgress } from './language-model.js';

/** A clock the test moves by hand: no waiting, no timing flakiness. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let time = 1000;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('GenerationMeter', () => {
  it('times the first token, counts deltas and reasoning, and computes tokens per second after the first token', () => {
    const clock = manualClock();
    const meter = new GenerationMeter(undefined, clock.now);
    clock.advance(500);
    meter.delta('reasoning');
    for (let index = 0; index < 20; index += 1) {
      clock.advance(50);
      meter.delta('text');
    }
    expect(meter.figures()).toEqual({ completionTokens: 21, reasoningTokens: 1, timeToFirstTokenMs: 500, tokensPerSecond: 21, elapsedMs: 1500 });
    expect(meter.figures(40).completionTokens).toBe(40);
  });

  it('reports at most once per interval', () => {
    const clock = manualClock();
    const reports: GenerationProgress[] = [];
    const meter = new GenerationMeter((progress) => reports.push(progress), clock.now);
    for (let index = 0; index < 100; index += 1) {
      clock.advance(10);
      meter.delta('text');
    }
    // 1 s of deltas every 10 ms: the first at once, then one per interval.
    expect(reports.length).toBe(1 + Math.floor((99 * 10) / PROGRESS_INTERVAL_MS));
    expect(reports[0]).toEqual({ completionTokens: 1, elapsedMs: 10, timeToFirstTokenMs: 10 });
  });

  it('survives a listener that throws', () => {
    const meter = new GenerationMeter(() => {
      throw new Error('console gone');
    });
    expect(() => meter.delta('text')).not.toThrow();
  });

  it('gives no rate before a tenth of a second of generation', () => {
    const clock = manualClock();
    const meter = new GenerationMeter(undefined, clock.now);
    meter.delta('text');
    clock.advance(50);
    expect(meter.figures().tokensPerSecond).toBeUndefined();
  });
});
