/**
 * A streamed call may legitimately take many minutes on a local GPU, so a fixed total timeout either
 * kills good generations or waits forever on a dead one. Instead: an idle timeout (no token for N ms)
 * that every received chunk resets, plus a generous total as a last resort.
 */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
export const DEFAULT_TOTAL_TIMEOUT_MS = 30 * 60 * 1000;

export type DeadlineReason = 'idle' | 'total' | 'caller';

export interface CallDeadline {
  /** Aborts on the caller's signal, the idle timeout or the total timeout. */
  readonly signal: AbortSignal;
  /** Something arrived: the idle clock starts again. */
  touch(): void;
  /** Stop the idle clock (e.g. for a non-streaming request that sends nothing until it is done). */
  pauseIdle(): void;
  /** Why the signal fired, once it has. */
  reason(): DeadlineReason | undefined;
  /** The limit that fired, in ms (for the error message). */
  limitMs(): number | undefined;
  dispose(): void;
}

export interface CallDeadlineOptions {
  idleTimeoutMs: number;
  totalTimeoutMs: number;
  callerSignal?: AbortSignal;
}

export function startCallDeadline(options: CallDeadlineOptions): CallDeadline {
  const controller = new AbortController();
  let fired: DeadlineReason | undefined;
  const fire = (reason: DeadlineReason): void => {
    if (fired !== undefined) return;
    fired = reason;
    controller.abort(options.callerSignal?.aborted === true && reason === 'caller' ? options.callerSignal.reason : new Error(`${reason} timeout`));
  };
  const onCallerAbort = (): void => fire('caller');
  if (options.callerSignal?.aborted === true) fire('caller');
  options.callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  const total = setTimeout(() => fire('total'), options.totalTimeoutMs);
  let idle: NodeJS.Timeout | undefined;
  const touch = (): void => {
    clearTimeout(idle);
    if (fired === undefined) idle = setTimeout(() => fire('idle'), options.idleTimeoutMs);
  };
  touch();
  return {
    signal: controller.signal,
    touch,
    pauseIdle: () => clearTimeout(idle),
    reason: () => fired,
    limitMs: () => (fired === 'idle' ? options.idleTimeoutMs : fired === 'total' ? options.totalTimeoutMs : undefined),
    dispose: () => {
      clearTimeout(idle);
      clearTimeout(total);
      options.callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/** A provider's limits as its options hold them (undefined: the defaults above). */
export interface CallLimits {
  idleTimeoutMs?: number | undefined;
  timeoutMs?: number | undefined;
}

/** The deadline of one call: the provider's limits (or the defaults) and the caller's abort signal. */
export function startCallDeadlineFor(abortSignal: AbortSignal | undefined, limits: CallLimits): CallDeadline {
  return startCallDeadline({
    idleTimeoutMs: limits.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    totalTimeoutMs: limits.timeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS,
    ...(abortSignal === undefined ? {} : { callerSignal: abortSignal }),
  });
}
