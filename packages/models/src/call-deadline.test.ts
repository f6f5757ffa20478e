import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCallDeadline } from './call-deadline.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('startCallDeadline', () => {
  it('fires idle when nothing arrives, and each touch restarts the idle clock', () => {
    vi.useFakeTimers();
    const deadline = startCallDeadline({ idleTimeoutMs: 100, totalTimeoutMs: 10_000 });
    vi.advanceTimersByTime(90);
    deadline.touch();
    vi.advanceTimersByTime(90);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(20);
    expect(deadline.reason()).toBe('idle');
    expect(deadline.limitMs()).toBe(100);
    deadline.dispose();
  });

  it('fires total however busy the stream is', () => {
    vi.useFakeTimers();
    const deadline = startCallDeadline({ idleTimeoutMs: 100, totalTimeoutMs: 250 });
    for (let index = 0; index < 5; index += 1) {
      vi.advanceTimersByTime(60);
      deadline.touch();
    }
    expect(deadline.reason()).toBe('total');
    expect(deadline.limitMs()).toBe(250);
    deadline.dispose();
  });

  it('a paused idle clock waits for the first touch', () => {
    vi.useFakeTimers();
    const deadline = startCallDeadline({ idleTimeoutMs: 100, totalTimeoutMs: 10_000 });
    deadline.pauseIdle();
    vi.advanceTimersByTime(5000);
    expect(deadline.signal.aborted).toBe(false);
    deadline.touch();
    vi.advanceTimersByTime(100);
    expect(deadline.reason()).toBe('idle');
    deadline.dispose();
  });

  it('follows the caller\'s signal, with its reason', () => {
    const controller = new AbortController();
    const deadline = startCallDeadline({ idleTimeoutMs: 100, totalTimeoutMs: 1000, callerSignal: controller.signal });
    controller.abort('stop');
    expect(deadline.reason()).toBe('caller');
    expect(deadline.signal.reason).toBe('stop');
    deadline.dispose();
  });
});
