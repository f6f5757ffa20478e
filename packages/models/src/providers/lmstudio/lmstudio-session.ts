import { LMStudioClient } from '@lmstudio/sdk';
import { ModelUnreachableError } from '../../errors.js';
import { resolveLmStudioAddress, type LmStudioAddress } from './lmstudio-base-url.js';
import { modelIdsFromListBody, probeHttp } from '../../server-preflight.js';

export const LMSTUDIO_START_HINT =
  'Start the LM Studio server: run `lms server start`, or open LM Studio → Developer tab → Start server. ' +
  'If it listens elsewhere, pass the URL (ws://host:port) or set LMSTUDIO_BASE_URL.';

export interface LmStudioSessionOptions {
  baseUrl?: string;
  /** For the TCP preflight and the first SDK round trip; a running LM Studio answers in milliseconds. */
  connectTimeoutMs?: number;
  /** For error messages only: which model the session is for. */
  modelId: string;
}

// The SDK logs to console by default (with stack traces); every failure is reported through our errors instead.
const silentLogger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

/**
 * Runs `work` with a fresh, connected SDK client and always disposes it, so a run can exit.
 * Without a server, the SDK would keep reconnecting and leave promises pending forever; a TCP
 * preflight plus a timed first round trip turn that into a ModelUnreachableError within seconds.
 */
export async function withLmStudioClient<T>(
  options: LmStudioSessionOptions,
  work: (client: LMStudioClient, address: LmStudioAddress) => Promise<T>,
): Promise<T> {
  const address = resolveLmStudioAddress(options.baseUrl);
  const connectTimeoutMs = options.connectTimeoutMs ?? 3000;
  const unreachable = (reason: string, cause?: unknown): ModelUnreachableError =>
    new ModelUnreachableError({
      provider: 'lmstudio',
      modelId: options.modelId,
      baseUrl: address.webSocketUrl,
      hint: `${reason}. ${LMSTUDIO_START_HINT}`,
      cause,
    });

  const host = address.url.host;
  // LM Studio serves its OpenAI-style API and the SDK's websocket on one port: probing the API tells
  // "not running" and "something else listens here" apart before the SDK can get stuck reconnecting.
  const probe = await probeHttp(`${address.httpUrl}/v1/models`, connectTimeoutMs);
  if (!probe.answered) throw unreachable(`Nothing answers at ${host} (${probe.problem})`);
  if (probe.status !== 200 || modelIdsFromListBody(probe.body) === undefined) {
    throw unreachable(`${host} answers, but not like LM Studio (GET /v1/models → HTTP ${probe.status})`);
  }

  const client = new LMStudioClient({ baseUrl: address.webSocketUrl, logger: silentLogger, verboseErrorMessages: false });
  try {
    // Something listens, but it may not be LM Studio (or its websocket may be stuck): bound the handshake.
    await withDeadline(client.system.getLMStudioVersion(), connectTimeoutMs, () =>
      unreachable(`${host} accepted a connection but LM Studio did not answer within ${connectTimeoutMs} ms`),
    ).catch((error: unknown) => {
      if (error instanceof ModelUnreachableError) throw error;
      throw unreachable(`The LM Studio handshake failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`, error);
    });
    return await work(client, address);
  } finally {
    await disposeQuietly(client);
  }
}

/** Rejects with `onTimeout()` if `promise` has not settled in time; the losing promise is silenced. */
export function withDeadline<T>(promise: Promise<T>, timeoutMs: number, onTimeout: () => Error): Promise<T> {
  promise.catch(() => undefined); // if the deadline wins, a later rejection must not be unhandled
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), timeoutMs);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Dispose can wait for in-flight channels; never let it hold up (or crash) the caller. */
async function disposeQuietly(client: LMStudioClient): Promise<void> {
  await withDeadline(client[Symbol.asyncDispose](), 1000, () => new Error('dispose timed out')).catch(() => undefined);
}
