import type { z } from 'zod';

/**
 * The one interface every phase of both loops depends on. Bump when its shape changes: run
 * metadata records it so a recorded transcript says which contract produced it.
 */
export const LANGUAGE_MODEL_INTERFACE_VERSION = 1;

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
}

export interface TokenUsage {
  promptTokens: number | undefined;
  completionTokens: number | undefined;
}

export interface CallTimings {
  totalMs: number;
  /** Only where the server streams or reports it. */
  timeToFirstTokenMs: number | undefined;
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
