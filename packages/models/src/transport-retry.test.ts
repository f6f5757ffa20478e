import { describe, expect, it } from 'vitest';
import { ModelAbortedError, ModelHttpError, ModelOutputError, ModelTimeoutError, ModelUnreachableError } from './errors.js';
import { RETRY_MAX_DELAY_MS, isTransientTransportError, retryDelayMs, withTransportRetry, type TransportRetryContext } from './transport-retry.js';

const who = { provider: 'openai-compatible', modelId: 'm' };

function httpError(status: number | undefined, retryAfterMs?: number): ModelHttpError {
  return new ModelHttpError({ ...who, status, retryAfterMs, message: `HTTP ${status ?? 'broke off'}` });
}

const unreachable = new ModelUnreachableError({ ...who, baseUrl: 'http://127.0.0.1:9/v1', hint: 'start it' });
const outputError = new ModelOutputError('MODEL_OUTPUT_INVALID_JSON', {
  ...who,
  issues: ['Unexpected token'],
  call: { rawText: 'nope', usage: { promptTokens: 1, completionTokens: 1 }, timings: { totalMs: 1, timeToFirstTokenMs: undefined }, finishReason: 'stop', rawFinishReason: 'stop', modelId: 'm' },
});

/** No real waiting: Retry-After 0 on every fault keeps these tests instant while exercising the real loop. */
function context(overrides: Partial<TransportRetryContext> = {}): TransportRetryContext {
  return { ...who, serverSeen: () => true, random: () => 0, ...overrides };
}

/** An attempt function that throws the scripted errors in order, then returns `ok`. */
function scripted(errors: Error[]): { attempt: () => Promise<string>; calls: () => number } {
  let calls = 0;
  return {
    attempt: async () => {
      const error = errors[calls];
      calls += 1;
      if (error !== undefined) throw error;
      return 'ok';
    },
    calls: () => calls,
  };
}

describe('isTransientTransportError', () => {
  it('retries 5xx, 408, 429, a broken-off body and a 2xx that is not a completion', () => {
    for (const status of [500, 502, 503, 504, 408, 429, 200, undefined]) {
      expect(isTransientTransportError(httpError(status), { serverSeen: true }), String(status)).toBe(true);
    }
  });

  it('does not retry other 4xx, timeouts, aborts or output errors', () => {
    for (const status of [400, 401, 403, 404, 422]) expect(isTransientTransportError(httpError(status), { serverSeen: true })).toBe(false);
    expect(isTransientTransportError(new ModelTimeoutError({ ...who, timeoutMs: 5 }), { serverSeen: true })).toBe(false);
    expect(isTransientTransportError(new ModelAbortedError(who), { serverSeen: true })).toBe(false);
    expect(isTransientTransportError(outputError, { serverSeen: true })).toBe(false);
    expect(isTransientTransportError(new Error('plain'), { serverSeen: true })).toBe(false);
  });

  it('retries a refused connection only once the server has answered before', () => {
    expect(isTransientTransportError(unreachable, { serverSeen: true })).toBe(true);
    expect(isTransientTransportError(unreachable, { serverSeen: false })).toBe(false);
  });
});

describe('retryDelayMs', () => {
  it('doubles from 1 s with jitter of up to ×2, capped', () => {
    expect(retryDelayMs(1, undefined, () => 0)).toBe(1000);
    expect(retryDelayMs(2, undefined, () => 0)).toBe(2000);
    expect(retryDelayMs(3, undefined, () => 0.5)).toBe(6000);
    expect(retryDelayMs(10, undefined, () => 0.99)).toBe(RETRY_MAX_DELAY_MS);
  });

  it('follows the server\'s Retry-After instead of the backoff', () => {
    expect(retryDelayMs(1, 4000, () => 0.9)).toBe(4000);
    expect(retryDelayMs(3, 0, () => 0.9)).toBe(0);
  });
});

describe('withTransportRetry', () => {
  it('retries transient faults and records each failed attempt', async () => {
    const { attempt, calls } = scripted([httpError(500, 0), httpError(429, 0), httpError(undefined, 0)]);
    const result = await withTransportRetry(attempt, context());
    expect(result.value).toBe('ok');
    expect(calls()).toBe(4);
    expect(result.serverAttempts).toEqual([
      { attempt: 1, code: 'MODEL_HTTP_ERROR', message: 'HTTP 500', status: 500, delayMs: 0 },
      { attempt: 2, code: 'MODEL_HTTP_ERROR', message: 'HTTP 429', status: 429, delayMs: 0 },
      { attempt: 3, code: 'MODEL_HTTP_ERROR', message: 'HTTP broke off', delayMs: 0 },
    ]);
  });

  it('returns no attempts when the first one works', async () => {
    const result = await withTransportRetry(scripted([]).attempt, context());
    expect(result.serverAttempts).toEqual([]);
  });

  it('gives up after maxRetries with the last error, carrying every retried attempt', async () => {
    const { attempt, calls } = scripted([httpError(503, 0), httpError(503, 0), httpError(502, 0)]);
    const error: unknown = await withTransportRetry(attempt, context({ maxRetries: 2 })).catch((caught: unknown) => caught);
    expect(calls()).toBe(3);
    expect(error).toBeInstanceOf(ModelHttpError);
    expect((error as ModelHttpError).status).toBe(502);
    expect((error as ModelHttpError).serverAttempts.map((entry) => entry.status)).toEqual([503, 503]);
  });

  it('fails at once on a fault that is not transient', async () => {
    const { attempt, calls } = scripted([httpError(401, 0)]);
    await expect(withTransportRetry(attempt, context())).rejects.toMatchObject({ status: 401, serverAttempts: [] });
    expect(calls()).toBe(1);
  });

  it('never retries the model\'s own output errors', async () => {
    const { attempt, calls } = scripted([outputError]);
    await expect(withTransportRetry(attempt, context())).rejects.toBe(outputError);
    expect(calls()).toBe(1);
  });

  it('stops when the next wait would pass maxRetryWaitMs', async () => {
    const { attempt, calls } = scripted([httpError(503, 20), httpError(503, 20), httpError(503, 20)]);
    const error: unknown = await withTransportRetry(attempt, context({ maxRetryWaitMs: 50 })).catch((caught: unknown) => caught);
    expect(calls()).toBe(3);
    expect((error as ModelHttpError).serverAttempts.map((entry) => entry.delayMs)).toEqual([20, 20]);
  });

  it('waits what Retry-After says rather than the backoff', async () => {
    const { attempt } = scripted([httpError(429, 30)]);
    const result = await withTransportRetry(attempt, context({ random: () => 0.99 }));
    expect(result.serverAttempts[0]?.delayMs).toBe(30);
  });

  it('turns an abort during a wait into ModelAbortedError with the attempts so far', async () => {
    const controller = new AbortController();
    const { attempt } = scripted([httpError(503, 60_000)]);
    const pending = withTransportRetry(attempt, context({ abortSignal: controller.signal, maxRetryWaitMs: 120_000 }));
    setTimeout(() => controller.abort(), 20);
    const error: unknown = await pending.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelAbortedError);
    expect((error as ModelAbortedError).serverAttempts).toHaveLength(1);
  });

  it('fails fast on an unreachable server that never answered', async () => {
    const { attempt, calls } = scripted([unreachable]);
    await expect(withTransportRetry(attempt, context({ serverSeen: () => false }))).rejects.toBe(unreachable);
    expect(calls()).toBe(1);
  });

  it('maxRetries 0 turns retrying off', async () => {
    const { attempt, calls } = scripted([httpError(500, 0)]);
    await expect(withTransportRetry(attempt, context({ maxRetries: 0 }))).rejects.toBeInstanceOf(ModelHttpError);
    expect(calls()).toBe(1);
  });
});
