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
  | 'MODEL_FILE_INVALID'
  | 'MODEL_NOT_DOWNLOADED'
  | 'MODEL_DOWNLOAD_FAILED'
  | 'MODEL_TOO_LARGE'
  | 'REPLAY_EXHAUSTED'
  | 'REPLAY_MISMATCH'
  | 'REPLAY_FILE_INVALID';

/**
 * Marks an error with the names of its classes, so `X.isInstance(error)` recognises it even when it
 * comes from another copy of this package (two versions in one node_modules, a bundled CLI), where
 * `instanceof` fails: the same approach as vercel/ai's `AISDKError.isInstance`.
 */
const ERROR_CLASSES = Symbol.for('ndli.models.error-classes');

function classNamesOf(error: object): string[] {
  const names: string[] = [];
  for (let prototype: unknown = Object.getPrototypeOf(error); prototype !== null && prototype !== Error.prototype; prototype = Object.getPrototypeOf(prototype)) {
    const constructor = (prototype as { constructor?: { name?: string } }).constructor;
    if (typeof constructor?.name === 'string') names.push(constructor.name);
  }
  return names;
}

/** Base of every error a provider throws. `code` is stable; `hint` tells a user what to do. */
export class ModelError extends Error {
  override readonly name: string = 'ModelError';
  readonly [ERROR_CLASSES]: readonly string[];

  /** `instanceof` that also holds across copies of this package (see ERROR_CLASSES). */
  static isInstance<E extends ModelError>(this: abstract new (...args: never[]) => E, error: unknown): error is E {
    if (typeof error !== 'object' || error === null || !(ERROR_CLASSES in error)) return false;
    const names = (error as { [ERROR_CLASSES]: unknown })[ERROR_CLASSES];
    return Array.isArray(names) && names.includes(this.name);
  }

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
    this[ERROR_CLASSES] = classNamesOf(this);
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

/** A model file on disk or in a download is unusable: not a GGUF, cut short, without a chat template. */
export class ModelFileError extends ModelError {
  override readonly name = 'ModelFileError';
  readonly path: string;
  constructor(options: { provider: string; modelId: string; path: string; message: string; hint?: string; cause?: unknown }) {
    super('MODEL_FILE_INVALID', options.message, options);
    this.path = options.path;
  }
}

/** A local model named by alias or `hf:` URI is not in the models folder yet. */
export class ModelNotDownloadedError extends ModelError {
  override readonly name = 'ModelNotDownloadedError';
  readonly path: string;
  constructor(options: { provider: string; modelId: string; path: string; pullCommand: string }) {
    super('MODEL_NOT_DOWNLOADED', `The local model "${options.modelId}" is not downloaded (expected at ${options.path}).`, {
      ...options,
      hint: `Download it first: \`${options.pullCommand}\` (or run at a terminal, which asks before downloading).`,
    });
    this.path = options.path;
  }
}

/** A download failed or was cut: nothing that looks like a complete model is left behind. */
export class ModelDownloadError extends ModelError {
  override readonly name = 'ModelDownloadError';
  readonly url: string;
  constructor(options: { provider: string; modelId: string; url: string; message: string; hint?: string; cause?: unknown }) {
    super('MODEL_DOWNLOAD_FAILED', options.message, options);
    this.url = options.url;
  }
}

/** The model would not fit this machine's memory (file size and estimated use against RAM/VRAM). */
export class ModelTooLargeError extends ModelError {
  override readonly name = 'ModelTooLargeError';
  constructor(options: { provider: string; modelId: string; message: string; hint: string }) {
    super('MODEL_TOO_LARGE', options.message, options);
  }
}

export function isModelError(error: unknown): error is ModelError {
  return ModelError.isInstance(error);
}

/**
 * True when the failure lies outside the model's answer: the server was unreachable, failed (HTTP),
 * timed out, the prompt did not fit the loaded context, or a replay file was unusable. A model that answered badly (invalid JSON, schema
 * mismatch, truncated) is not an infrastructure error: benches count it as the model's failure.
 */
export function isInfrastructureModelError(error: unknown): boolean {
  if (!isModelError(error)) return false;
  return [
    'MODEL_UNREACHABLE',
    'MODEL_NOT_FOUND',
    'MODEL_HTTP_ERROR',
    'MODEL_TIMEOUT',
    'MODEL_CONTEXT_EXCEEDED',
    'MODEL_FILE_INVALID',
    'MODEL_NOT_DOWNLOADED',
    'MODEL_DOWNLOAD_FAILED',
    'MODEL_TOO_LARGE',
    'REPLAY_FILE_INVALID',
  ].includes(error.code);
}
