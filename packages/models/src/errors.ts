import type { CallRecord, ServerAttempt } from './language-model.js';

export type ModelErrorCode =
  | 'MODEL_UNREACHABLE'
  | 'MODEL_NOT_FOUND'
  | 'MODEL_HTTP_ERROR'
  | 'MODEL_TIMEOUT'
  | 'MODEL_ABORTED'
  | 'MODEL_OUTPUT_INVALID_JSON'
  | 'MODEL_OUTPUT_SCHEMA_MISMATCH'
  | 'MODEL_OUTPUT_TRUNCATED'
  | 'MODEL_CONTEXT_EXCEEDED'
  | 'MODEL_SPEC_INVALID'
  | 'REPLAY_EXHAUSTED'
  | 'REPLAY_MISMATCH'
  | 'REPLAY_FILE_INVALID';

/** Base of every error a provider throws. `code` is stable; `hint` tells a user what to do. */
export class ModelError extends Error {
  override readonly name: string = 'ModelError';
  readonly code: ModelErrorCode;
  readonly provider: string;
  readonly modelId: string;
  readonly hint: string | undefined;
  /** Transport attempts that failed before this error (retried server faults); empty when none. */
  serverAttempts: readonly ServerAttempt[];

  constructor(
    code: ModelErrorCode,
    message: string,
    options: { provider: string; modelId: string; hint?: string; cause?: unknown; serverAttempts?: readonly ServerAttempt[] },
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.provider = options.provider;
    this.modelId = options.modelId;
    this.hint = options.hint;
    this.serverAttempts = options.serverAttempts ?? [];
  }
}

/** No server answered at all (connection refused, DNS, LM Studio not running). */
export class ModelUnreachableError extends ModelError {
  override readonly name = 'ModelUnreachableError';
  readonly baseUrl: string;
  constructor(options: { provider: string; modelId: string; baseUrl: string; hint: string; cause?: unknown }) {
    super('MODEL_UNREACHABLE', `Cannot reach the ${options.provider} server at ${options.baseUrl}.`, options);
    this.baseUrl = options.baseUrl;
  }
}

/** The server answered but does not have (or cannot load) the requested model. */
export class ModelNotFoundError extends ModelError {
  override readonly name = 'ModelNotFoundError';
  readonly availableModels: readonly string[];
  constructor(options: { provider: string; modelId: string; availableModels?: readonly string[]; hint?: string; cause?: unknown }) {
    super('MODEL_NOT_FOUND', `Model "${options.modelId}" is not available on the ${options.provider} server.`, options);
    this.availableModels = options.availableModels ?? [];
  }
}

/** The server answered with a non-success HTTP status (or an error frame). */
export class ModelHttpError extends ModelError {
  override readonly name = 'ModelHttpError';
  readonly status: number | undefined;
  readonly responseBody: string | undefined;
  /** The server's `Retry-After`, in ms, when it sent one (429/503): the transport retry waits that long. */
  readonly retryAfterMs: number | undefined;
  constructor(options: {
    provider: string;
    modelId: string;
    status?: number;
    responseBody?: string;
    retryAfterMs?: number;
    message: string;
    hint?: string;
    cause?: unknown;
    serverAttempts?: readonly ServerAttempt[];
  }) {
    super('MODEL_HTTP_ERROR', options.message, options);
    this.status = options.status;
    this.responseBody = options.responseBody;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export class ModelTimeoutError extends ModelError {
  override readonly name = 'ModelTimeoutError';
  readonly timeoutMs: number;
  /** `idle`: a streamed answer stopped sending tokens; `total`: the whole call took too long. */
  readonly kind: 'idle' | 'total';
  constructor(options: { provider: string; modelId: string; timeoutMs: number; kind?: 'idle' | 'total'; cause?: unknown; serverAttempts?: readonly ServerAttempt[] }) {
    const kind = options.kind ?? 'total';
    super(
      'MODEL_TIMEOUT',
      kind === 'idle'
        ? `The ${options.provider} model "${options.modelId}" sent no token for ${options.timeoutMs} ms.`
        : `The ${options.provider} model "${options.modelId}" did not answer within ${options.timeoutMs} ms.`,
      {
        ...options,
        hint:
          kind === 'idle'
            ? 'The server stalled mid-answer: check its log (out of memory, crashed worker); raise the idle timeout if it is just slow.'
            : 'Raise the request timeout, lower maxTokens, or use a smaller/faster model.',
      },
    );
    this.timeoutMs = options.timeoutMs;
    this.kind = kind;
  }
}

export class ModelAbortedError extends ModelError {
  override readonly name = 'ModelAbortedError';
  constructor(options: { provider: string; modelId: string; cause?: unknown; serverAttempts?: readonly ServerAttempt[] }) {
    super('MODEL_ABORTED', 'The model call was aborted.', options);
  }
}

/**
 * The model answered, but the answer is unusable: not JSON, not the schema, or cut off by maxTokens.
 * The malformed output is research data: the full call record (raw text, usage, timings) is kept.
 */
export class ModelOutputError extends ModelError {
  override readonly name = 'ModelOutputError';
  readonly call: CallRecord;
  /** Human-readable validation problems, suitable to quote back to the model in a retry. */
  readonly issues: readonly string[];
  constructor(
    code: 'MODEL_OUTPUT_INVALID_JSON' | 'MODEL_OUTPUT_SCHEMA_MISMATCH' | 'MODEL_OUTPUT_TRUNCATED',
    options: { provider: string; modelId: string; call: CallRecord; issues: readonly string[]; cause?: unknown },
  ) {
    const what = {
      MODEL_OUTPUT_INVALID_JSON: 'is not valid JSON',
      MODEL_OUTPUT_SCHEMA_MISMATCH: 'does not match the schema',
      MODEL_OUTPUT_TRUNCATED: 'was truncated by the max token limit',
    }[code];
    super(code, `The output of "${options.modelId}" ${what}: ${options.issues.slice(0, 3).join('; ')}`, options);
    this.call = options.call;
    this.issues = options.issues;
  }
}

/** A model string such as `lmstudio/qwen2.5-coder-7b-instruct` could not be understood. */
export class ModelSpecError extends ModelError {
  override readonly name = 'ModelSpecError';
  constructor(message: string, hint?: string) {
    super('MODEL_SPEC_INVALID', message, { provider: 'unknown', modelId: 'unknown', hint });
  }
}

export class ReplayError extends ModelError {
  override readonly name = 'ReplayError';
  constructor(code: 'REPLAY_EXHAUSTED' | 'REPLAY_MISMATCH' | 'REPLAY_FILE_INVALID', message: string, options: { modelId: string; hint?: string }) {
    super(code, message, { provider: 'replay', ...options });
  }
}

export function isModelError(error: unknown): error is ModelError {
  return error instanceof ModelError;
}

/**
 * True when the failure lies outside the model's answer: the server was unreachable, failed (HTTP),
 * timed out, the prompt did not fit the loaded context, or a replay file was unusable. A model that answered badly (invalid JSON, schema
 * mismatch, truncated) is not an infrastructure error: benches count it as the model's failure.
 */
export function isInfrastructureModelError(error: unknown): boolean {
  if (!isModelError(error)) return false;
  return ['MODEL_UNREACHABLE', 'MODEL_NOT_FOUND', 'MODEL_HTTP_ERROR', 'MODEL_TIMEOUT', 'MODEL_CONTEXT_EXCEEDED', 'REPLAY_FILE_INVALID'].includes(error.code);
}
