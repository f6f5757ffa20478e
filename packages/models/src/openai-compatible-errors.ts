import { APICallError } from 'ai';
import { ModelAbortedError, ModelError, ModelHttpError, ModelNotFoundError, ModelTimeoutError, ModelUnreachableError } from './errors.js';
import { StreamInterruptedError } from './openai-compatible-stream.js';
import { parseRetryAfterMs } from './retry-after.js';

export interface OpenAICompatibleErrorContext {
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

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? text;
}

function retryAfterHeader(headers: Record<string, string> | undefined): number | undefined {
  return parseRetryAfterMs(headers?.['retry-after']);
}

/** Everything the AI SDK or fetch can throw for one call → one of our ModelErrors. */
export function toOpenAICompatibleError(error: unknown, context: OpenAICompatibleErrorContext): ModelError {
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
  if (APICallError.isInstance(error)) return fromApiCallError(error, context);
  // No status: the connection broke during the answer (socket closed, body cut off).
  const message = error instanceof Error ? error.message : String(error);
  return new ModelHttpError({ ...base, message: `Protocol error: the response from ${context.baseUrl} broke off (${firstLine(message)}).`, responseBody: undefined });
}

function fromApiCallError(error: APICallError, context: OpenAICompatibleErrorContext): ModelError {
  const base = { provider: context.provider, modelId: context.modelId, cause: error };
  const status = error.statusCode;
  const body = error.responseBody;
  if (status === 404 && (body === undefined || /model/i.test(body))) {
    const available = context.availableModels ?? [];
    return new ModelNotFoundError({
      ...base,
      availableModels: available,
      hint:
        available.length > 0
          ? `The server offers: ${available.slice(0, 10).join(', ')}.`
          : context.provider === 'ollama'
            ? `Pull it first: \`ollama pull ${context.modelId}\`.`
            : 'Check the model name against the server\'s GET /v1/models.',
    });
  }
  if (status !== undefined && status >= 200 && status < 300 && body === undefined) {
    // Headers arrived, then the connection closed before the body was complete.
    return new ModelHttpError({ ...base, status, message: `Protocol error: the response from ${context.baseUrl} broke off before its body was complete.` });
  }
  if (status !== undefined && status >= 200 && status < 300) {
    // The server said OK but the body is not an OpenAI chat completion (HTML page, cut-off JSON, …).
    return new ModelHttpError({ ...base, status, responseBody: body, message: `Protocol error: ${context.baseUrl} sent a response that is not a valid chat completion (${error.message}).` });
  }
  if (status === undefined) {
    return new ModelHttpError({ ...base, responseBody: body, message: `Protocol error: the response from ${context.baseUrl} broke off (${firstLine(error.message)}).` });
  }
  return new ModelHttpError({
    ...base,
    status,
    responseBody: body,
    retryAfterMs: retryAfterHeader(error.responseHeaders),
    message: `HTTP ${status} from ${context.baseUrl}: ${firstLine(body ?? error.message).slice(0, 300)}`,
    ...(status === 404 ? { hint: 'Does the base URL end with /v1?' } : {}),
  });
}
