import type { z } from 'zod';

/**
 * The one interface every phase of both loops depends on. Bump when its shape changes: run
 * metadata records it so a recorded transcript says which contract produced it.
 */
export const LANGUAGE_MODEL_INTERFACE_VERSION = 2;

/** A JSON Schema object, as produced by `z.toJSONSchema`. */
export type JsonSchema = Record<string, unknown>;

export interface GenerateObjectRequest<OUTPUT> {
  /** System prompt of a fresh chat: no call ever sees another call's messages. */
  system: string;
  /** The single user message. */
  prompt: string;
  /** Validates the model's JSON; the provider parses the raw text with it. */
  schema: z.ZodType<OUTPUT>;
  /** The same schema as JSON Schema, sent to servers that constrain decoding with it. */
  jsonSchema: JsonSchema;
  /** Short identifier of the schema (e.g. `reasoning_state`), used as the response_format name. */
  schemaName: string;
  temperature?: number;
  /** Always set: an unbounded generation is how local models hang for minutes. */
  maxTokens: number;
  seed?: number;
  abortSignal?: AbortSignal;
  /** Called while a streamed answer arrives (throttled by the provider); never for non-streaming calls. */
  onProgress?: (progress: GenerationProgress) => void;
}

/** Live figures of a call in flight, for a console line and events. */
export interface GenerationProgress {
  /** Tokens received so far (answer and reasoning), counted or estimated from the stream. */
  completionTokens: number;
  /** Of those, reasoning tokens (a `<think>` block or the server's separate reasoning). */
  reasoningTokens?: number;
  elapsedMs: number;
  timeToFirstTokenMs?: number;
  tokensPerSecond?: number;
}

/**
 * One failed transport attempt (HTTP 5xx/408/429, a reset connection, a cut body, an HTML error page)
 * that was retried. Kept in the call record: what the server did is data for researchers.
 */
export interface ServerAttempt {
  /** 1-based number of the failed attempt. */
  attempt: number;
  /** The ModelError code the attempt failed with, e.g. `MODEL_HTTP_ERROR`. */
  code: string;
  message: string;
  /** HTTP status, when the server sent one. */
  status?: number;
  /** How long the provider waited before the next attempt (Retry-After or backoff). */
  delayMs: number;
}

export interface TokenUsage {
  promptTokens: number | undefined;
  completionTokens: number | undefined;
  /** Reasoning tokens, where the server reports or the provider counts them (part of completionTokens). */
  reasoningTokens?: number;
  /** True when `reasoningTokens` is the provider's estimate (~4 characters a token), not the server's count. */
  reasoningTokensEstimated?: boolean;
}

export interface CallTimings {
  totalMs: number;
  /** Only where the server streams or reports it. */
  timeToFirstTokenMs: number | undefined;
  /** Completion tokens per second of generation, where known (streaming). */
  tokensPerSecond?: number;
}

/**
 * Why generation ended. `length` means the output was cut by `maxTokens` (truncated);
 * `other` covers server-specific reasons, kept verbatim in `rawFinishReason`.
 */
export type FinishReason = 'stop' | 'length' | 'content-filter' | 'error' | 'other' | 'unknown';

/** Everything known about one call apart from the parsed value: kept for success and failure alike. */
export interface CallRecord {
  rawText: string;
  usage: TokenUsage;
  timings: CallTimings;
  finishReason: FinishReason;
  rawFinishReason: string | undefined;
  /** The model id the server says answered (may differ from the requested one). */
  modelId: string;
  /** The model's reasoning (a leading `<think>` block, or the server's `reasoning_content`), kept apart from rawText. */
  reasoning?: string;
  /** Transport attempts that failed and were retried before this answer; absent or empty when the first one worked. */
  serverAttempts?: readonly ServerAttempt[];
  /** What the provider had to work around to get this answer, e.g. JSON taken from the reasoning because the answer was empty. */
  warnings?: readonly string[];
}

export interface GenerateObjectResult<OUTPUT> extends CallRecord {
  object: OUTPUT;
}

export interface LanguageModel {
  readonly interfaceVersion: typeof LANGUAGE_MODEL_INTERFACE_VERSION;
  /** Provider name as used in model strings: `lmstudio`, `openai-compatible`, `ollama`, `replay`, `mock`. */
  readonly provider: string;
  /** The model id as requested, e.g. `qwen2.5-coder-7b-instruct`. */
  readonly modelId: string;
  /** True when no model produces the answers (replay, scripted): reports must say so. */
  readonly scripted: boolean;
  /**
   * One call in a fresh chat. Resolves with the parsed object, or rejects with a `ModelError`:
   * `ModelOutputError` (with the raw text) when the text is not valid JSON for the schema or was truncated,
   * a connection / HTTP / timeout / abort error otherwise.
   */
  generateObject<OUTPUT>(request: GenerateObjectRequest<OUTPUT>): Promise<GenerateObjectResult<OUTPUT>>;
}
