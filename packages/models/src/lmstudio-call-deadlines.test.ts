import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCallDeadlines } from './lmstudio-call-deadlines.js';

afterEach(() => void vi.useRealTimers());

describe('startCallDeadlines', () => {
  it('fires "idle" when nothing touches it for the idle time; each touch restarts that clock', () => {
    vi.useFakeTimers();
    const deadlines = startCallDeadlines({ idleTimeoutMs: 1000, totalTimeoutMs: 60_000 });
    vi.advanceTimersByTime(900);
    deadlines.touch();
    vi.advanceTimersByTime(900);
    expect(deadlines.signal.aborted).toBe(false);
    vi.advanceTimersByTime(100);
    expect(deadlines.signal.aborted).toBe(true);
    expect(deadlines.stopCause()).toBe('idle');
    deadlines.dispose();
  });

  it('fires "total" at the total time even while the call keeps showing signs of life', () => {
    vi.useFakeTimers();
    const deadlines = startCallDeadlines({ idleTimeoutMs: 1000, totalTimeoutMs: 3000 });
    for (let elapsed = 0; elapsed < 3000; elapsed += 500) {
      deadlines.touch();
      vi.advanceTimersByTime(500);
    }
    expect(deadlines.stopCause()).toBe('total');
    deadlines.dispose();
  });

  it('fires "caller" for the caller\'s abort, also one that came before the call, and keeps the first cause', () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const deadlines = startCallDeadlines({ callerSignal: controller.signal, idleTimeoutMs: 1000, totalTimeoutMs: 3000 });
    controller.abort();
    vi.advanceTimersByTime(5000);
    expect(deadlines.stopCause()).toBe('caller');
    deadlines.dispose();
    expect(startCallDeadlines({ callerSignal: AbortSignal.abort(), idleTimeoutMs: 1, totalTimeoutMs: 1 }).stopCause()).toBe('caller');
  });

  it('fires nothing after dispose', () => {
    vi.useFakeTimers();
    const deadlines = startCallDeadlines({ idleTimeoutMs: 1000, totalTimeoutMs: 3000 });
    deadlines.dispose();
    vi.advanceTimersByTime(10_000);
    expect(deadlines.signal.aborted).toBe(false);
  });
});
