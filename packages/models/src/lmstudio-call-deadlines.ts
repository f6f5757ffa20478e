/** Why a call's signal fired: the caller aborted, the server went quiet, or the whole call took too long. */
export type CallStopCause = 'caller' | 'idle' | 'total';

export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
/** Generous: a long answer on a slow GPU may stream for many minutes, as long as it keeps streaming. */
export const DEFAULT_TOTAL_TIMEOUT_MS = 60 * 60_000;

export interface CallDeadlines {
  /** Aborts the SDK's model load and prediction (the SDK then sends LM Studio a `cancel`). */
  readonly signal: AbortSignal;
  /** A sign of life from the server (a fragment, load or prompt progress): the idle clock restarts. */
  touch: () => void;
  /** Undefined while the signal has not fired. */
  stopCause: () => CallStopCause | undefined;
  /** Clears the timers; call once the call has settled. */
  dispose: () => void;
}

/**
 * A local model can legitimately take minutes, so one total timeout is either too short for a long
 * answer or far too long for a server that hung: the idle deadline ends a call that has sent
 * nothing for `idleTimeoutMs`, the total one is only a backstop.
 */
export function startCallDeadlines(options: { callerSignal?: AbortSignal; idleTimeoutMs: number; totalTimeoutMs: number }): CallDeadlines {
  const controller = new AbortController();
  let cause: CallStopCause | undefined;
  const stop = (why: CallStopCause): void => {
    if (cause !== undefined) return;
    cause = why;
    controller.abort(new Error(`call stopped: ${why}`));
  };
  const onCallerAbort = (): void => stop('caller');
  if (options.callerSignal?.aborted === true) stop('caller');
  options.callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  const total = setTimeout(() => stop('total'), options.totalTimeoutMs);
  let idle = setTimeout(() => stop('idle'), options.idleTimeoutMs);
  return {
    signal: controller.signal,
    touch: () => {
      if (cause !== undefined) return;
      clearTimeout(idle);
      idle = setTimeout(() => stop('idle'), options.idleTimeoutMs);
    },
    stopCause: () => cause,
    dispose: () => {
      clearTimeout(total);
      clearTimeout(idle);
      options.callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}
