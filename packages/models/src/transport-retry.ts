import { setTimeout as sleep } from 'node:timers/promises';
import pRetry from 'p-retry';
import { ModelAbortedError, ModelError, ModelHttpError, ModelUnreachableError } from './errors.js';
import type { ServerAttempt } from './language-model.js';

/** How transient server faults are retried. Both limits are per call; output errors never count here. */
export interface TransportRetryOptions {
  /** Retries after the first attempt. Default 3; 0 turns retrying off. */
  maxRetries?: number;
  /** Upper bound on the total time spent waiting between attempts of one call. Default 30 s. */
  maxRetryWaitMs?: number;
  /** First backoff step, doubled each retry. Default 1 s. */
  retryBaseDelayMs?: number;
}

export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_MAX_RETRY_WAIT_MS = 30_000;
/** Default first backoff step; doubled each retry, then stretched by a random factor in [1, 2). */
export const RETRY_BASE_DELAY_MS = 1000;
/** One backoff step never exceeds this, so one call cannot eat the whole budget on a single wait. */
export const RETRY_MAX_DELAY_MS = 15_000;

export interface TransientFaultContext {
  /**
   * True once this provider instance has had an answer from the server. A refused connection then
   * means a server restarting mid-run (retried); before it, the server is simply not there, and the
   * one actionable "start your server" line must come at once.
   */
  serverSeen: boolean;
}

/**
 * Whether a failed attempt is worth repeating: HTTP 5xx, 408, 429; a connection reset or a body cut
 * off (no status, or a 2xx whose body is not a completion, such as an HTML page); a refused
 * connection mid-run. Not: other 4xx, timeouts (the server already had its full time), aborts, and
 * the model's own output errors — those belong to the inner loop's retries.
 */
export function isTransientTransportError(error: unknown, context: TransientFaultContext): boolean {
  if (error instanceof ModelUnreachableError) return context.serverSeen;
  if (!(error instanceof ModelHttpError)) return false;
  const status = error.status;
  if (status === undefined) return true;
  return status >= 500 || status === 408 || status === 429 || (status >= 200 && status < 300);
}

/** The delay before retry number `retryNumber` (1-based): the server's Retry-After wins, else exponential backoff with jitter. */
export function retryDelayMs(retryNumber: number, retryAfterMs: number | undefined, random: () => number = Math.random, baseDelayMs = RETRY_BASE_DELAY_MS): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const backoff = baseDelayMs * 2 ** (retryNumber - 1) * (1 + random());
  return Math.round(Math.min(backoff, RETRY_MAX_DELAY_MS));
}

export interface TransportRetryContext extends TransportRetryOptions {
  provider: string;
  modelId: string;
  abortSignal?: AbortSignal;
  /** Read before each decision: the provider's knowledge of the server can change between attempts. */
  serverSeen: () => boolean;
  /** For tests: the jitter source. */
  random?: () => number;
}

export interface TransportRetryResult<T> {
  value: T;
  /** Failed attempts that were retried before `value` came back (empty when the first one worked). */
  serverAttempts: ServerAttempt[];
}

function retryAfterOf(error: unknown): number | undefined {
  return error instanceof ModelHttpError ? error.retryAfterMs : undefined;
}

function statusOf(error: unknown): number | undefined {
  return error instanceof ModelHttpError ? error.status : undefined;
}

/**
 * Runs `attempt` until it succeeds, fails for good, or the retry budget ends. Every attempt must
 * throw a `ModelError` (the provider maps its raw errors first), so the decision reads stable codes.
 * The final error carries the failed attempts in `serverAttempts`; so does the result.
 *
 * p-retry drives the loop, the retry count and the abort signal; the delay is decided here because
 * it must follow the server's Retry-After, which p-retry's fixed backoff options cannot express —
 * so p-retry waits 0 ms and the wait happens (abortably) in `shouldRetry`.
 */
export async function withTransportRetry<T>(attempt: (attemptNumber: number) => Promise<T>, context: TransportRetryContext): Promise<TransportRetryResult<T>> {
  const maxRetries = context.maxRetries ?? DEFAULT_MAX_RETRIES;
  const maxRetryWaitMs = context.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
  const serverAttempts: ServerAttempt[] = [];
  let waitedMs = 0;
  try {
    const value = await pRetry(attempt, {
      retries: maxRetries,
      minTimeout: 0,
      signal: context.abortSignal,
      shouldRetry: async ({ error, attemptNumber }) => {
        if (!isTransientTransportError(error, { serverSeen: context.serverSeen() })) return false;
        const delayMs = retryDelayMs(attemptNumber, retryAfterOf(error), context.random, context.retryBaseDelayMs);
        if (waitedMs + delayMs > maxRetryWaitMs) return false;
        serverAttempts.push({ attempt: attemptNumber, code: error instanceof ModelError ? error.code : 'UNKNOWN', message: error.message, ...optionalStatus(statusOf(error)), delayMs });
        waitedMs += delayMs;
        await sleep(delayMs, undefined, { signal: context.abortSignal });
        return true;
      },
    });
    return { value, serverAttempts };
  } catch (error) {
    throw finalError(error, serverAttempts, context);
  }
}

function optionalStatus(status: number | undefined): { status?: number } {
  return status === undefined ? {} : { status };
}

/** The error the caller sees: always a ModelError, carrying every retried attempt. */
function finalError(error: unknown, serverAttempts: ServerAttempt[], context: TransportRetryContext): ModelError {
  if (error instanceof ModelError) {
    error.serverAttempts = [...error.serverAttempts, ...serverAttempts];
    return error;
  }
  const base = { provider: context.provider, modelId: context.modelId, serverAttempts, cause: error };
  // An abort during a wait surfaces as the timer's AbortError (or the signal's reason), not as a ModelError.
  if (context.abortSignal?.aborted === true) return new ModelAbortedError(base);
  return new ModelHttpError({ ...base, message: `Unexpected failure while calling the ${context.provider} server: ${error instanceof Error ? error.message : String(error)}` });
}
