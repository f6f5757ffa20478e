import { ModelAbortedError, ModelError, ModelHttpError, ModelNotFoundError, ModelTimeoutError, ModelUnreachableError } from './errors.js';
import { parseRetryAfterMs } from './retry-after.js';
import { StreamInterruptedError } from './stream-interrupted-error.js';

/** What every HTTP provider knows when one request fails. */
export interface ServerErrorContext {
  provider: string;
  modelId: string;
  baseUrl: string;
  /** Set when the call's own deadline fired. */
  timeout: { kind: 'idle' | 'total'; limitMs: number } | undefined;
  callerAborted: boolean;
  /** How to start this kind of server, e.g. `ollama serve`. */
  startHint: string;
  availableModels?: readonly string[];
}

/** Node's codes for "no server there" (as opposed to a server that broke off mid-answer). */
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

export function connectErrorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 6; depth += 1) {
    if (typeof current !== 'object') return undefined;
    if ('code' in current && typeof current.code === 'string' && CONNECT_CODES.has(current.code)) return current.code;
    if ('errors' in current && Array.isArray(current.errors)) {
      // AggregateError from happy-eyeballs connects (IPv4 and IPv6 both refused).
      const inner = current.errors.map(connectErrorCode).find((code) => code !== undefined);
      if (inner !== undefined) return inner;
    }
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

export function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? text;
}

/**
 * The failures that look the same for every HTTP provider: our own deadline, the caller's abort, a
 * stream cut off, no server there; undefined for anything else (the provider maps its own shapes).
 */
export function commonServerError(error: unknown, context: ServerErrorContext): ModelError | undefined {
  if (error instanceof ModelError) return error;
  const base = { provider: context.provider, modelId: context.modelId, cause: error };
  if (context.timeout !== undefined) return new ModelTimeoutError({ ...base, timeoutMs: context.timeout.limitMs, kind: context.timeout.kind });
  if (context.callerAborted) return new ModelAbortedError(base);
  if (error instanceof StreamInterruptedError) {
    return new ModelHttpError({
      ...base,
      responseBody: error.partialText === '' ? undefined : error.partialText,
      message: `Protocol error: the stream from ${context.baseUrl} ${error.message}.`,
    });
  }
  const connectCode = connectErrorCode(error);
  if (connectCode !== undefined) {
    return new ModelUnreachableError({
      ...base,
      baseUrl: context.baseUrl,
      hint: `Is the server running at ${context.baseUrl}? (${connectCode}) e.g. ${context.startHint}; or pass another base URL.`,
    });
  }
  return undefined;
}

/** A connection that broke during the answer, with no status to go by. */
export function brokenOffError(error: unknown, context: ServerErrorContext): ModelHttpError {
  const message = error instanceof Error ? error.message : String(error);
  return new ModelHttpError({
    provider: context.provider,
    modelId: context.modelId,
    cause: error,
    message: `Protocol error: the response from ${context.baseUrl} broke off (${firstLine(message)}).`,
  });
}

/** A non-success HTTP status → ModelNotFoundError (404 naming the model) or ModelHttpError with Retry-After. */
export function httpStatusError(
  failure: { status: number; body: string | undefined; headers: Record<string, string> | undefined; cause: unknown },
  context: ServerErrorContext,
  hints: { modelNotFound: string; wrongUrl: string },
): ModelError {
  const base = { provider: context.provider, modelId: context.modelId, cause: failure.cause };
  const { status, body } = failure;
  if (status === 404 && (body === undefined || /model/i.test(body))) {
    const available = context.availableModels ?? [];
    return new ModelNotFoundError({
      ...base,
      availableModels: available,
      hint: available.length > 0 ? `The server offers: ${available.slice(0, 10).join(', ')}.` : hints.modelNotFound,
    });
  }
  return new ModelHttpError({
    ...base,
    status,
    responseBody: body,
    retryAfterMs: parseRetryAfterMs(failure.headers?.['retry-after']),
    message: `HTTP ${status} from ${context.baseUrl}: ${firstLine(body ?? `status ${status}`).slice(0, 300)}`,
    ...(status === 404 ? { hint: hints.wrongUrl } : {}),
  });
}
