import { z } from 'zod';
import type { ModelErrorCode } from '../../errors.js';
import type { CallRecord } from '../../language-model.js';

/**
 * A transcript is JSONL: one header line, then one line per model call. It is what makes a run
 * reproducible without a model (`replay/<file>`) and what scripted demos are written in.
 */
export const TRANSCRIPT_VERSION = 1;

export const transcriptHeaderSchema = z.object({
  type: z.literal('transcript'),
  version: z.literal(TRANSCRIPT_VERSION),
  /** True for hand-written transcripts: no model ever produced these answers, and reports must say so. */
  scripted: z.boolean(),
  description: z.string(),
  model: z.object({ provider: z.string(), modelId: z.string() }),
  createdAt: z.string(),
});

export const transcriptRequestSchema = z.object({
  schemaName: z.string(),
  system: z.string(),
  prompt: z.string(),
  temperature: z.number().optional(),
  maxTokens: z.number().int().positive(),
  seed: z.number().int().optional(),
});

const finishReasonSchema = z.enum(['stop', 'length', 'content-filter', 'error', 'other', 'unknown']);

const serverAttemptSchema = z.object({
  attempt: z.number().int().positive(),
  code: z.string(),
  message: z.string(),
  status: z.number().int().optional(),
  delayMs: z.number().nonnegative(),
});

/** CallRecord as JSON: `undefined` fields are simply absent on disk. */
export const transcriptResponseSchema = z.object({
  rawText: z.string(),
  usage: z.object({
    promptTokens: z.number().optional(),
    completionTokens: z.number().optional(),
    reasoningTokens: z.number().optional(),
    reasoningTokensEstimated: z.boolean().optional(),
  }),
  timings: z.object({ totalMs: z.number(), timeToFirstTokenMs: z.number().optional(), tokensPerSecond: z.number().optional() }),
  finishReason: finishReasonSchema,
  rawFinishReason: z.string().optional(),
  modelId: z.string(),
  reasoning: z.string().optional(),
  serverAttempts: z.array(serverAttemptSchema).readonly().optional(),
  warnings: z.array(z.string()).readonly().optional(),
});

/** A call that failed before there was an answer (unreachable, timeout, HTTP error, …). */
export const transcriptErrorSchema = z.object({ code: z.string(), message: z.string() });

const callBase = { type: z.literal('call'), index: z.number().int().nonnegative(), request: transcriptRequestSchema };
export const transcriptCallSchema = z.union([
  z.object({ ...callBase, response: transcriptResponseSchema }).strict(),
  z.object({ ...callBase, error: transcriptErrorSchema }).strict(),
]);

export type TranscriptHeader = z.infer<typeof transcriptHeaderSchema>;
export type TranscriptRequest = z.infer<typeof transcriptRequestSchema>;
export type TranscriptResponse = z.infer<typeof transcriptResponseSchema>;
export type TranscriptCall = z.infer<typeof transcriptCallSchema>;

export interface Transcript {
  header: TranscriptHeader;
  calls: TranscriptCall[];
}

/** The on-disk form back to the interface's CallRecord (absent fields become explicit `undefined`). */
export function callRecordFromTranscript(response: TranscriptResponse): CallRecord {
  const { usage, timings } = response;
  return {
    rawText: response.rawText,
    usage: {
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      ...(usage.reasoningTokens === undefined ? {} : { reasoningTokens: usage.reasoningTokens }),
      ...(usage.reasoningTokensEstimated === undefined ? {} : { reasoningTokensEstimated: usage.reasoningTokensEstimated }),
    },
    timings: {
      totalMs: timings.totalMs,
      timeToFirstTokenMs: timings.timeToFirstTokenMs,
      ...(timings.tokensPerSecond === undefined ? {} : { tokensPerSecond: timings.tokensPerSecond }),
    },
    finishReason: response.finishReason,
    rawFinishReason: response.rawFinishReason,
    modelId: response.modelId,
    ...(response.reasoning === undefined ? {} : { reasoning: response.reasoning }),
    ...(response.serverAttempts === undefined ? {} : { serverAttempts: response.serverAttempts }),
    ...(response.warnings === undefined ? {} : { warnings: response.warnings }),
  };
}

const MODEL_ERROR_CODES = [
  'MODEL_UNREACHABLE',
  'MODEL_NOT_FOUND',
  'MODEL_HTTP_ERROR',
  'MODEL_TIMEOUT',
  'MODEL_ABORTED',
  'MODEL_OUTPUT_INVALID_JSON',
  'MODEL_OUTPUT_SCHEMA_MISMATCH',
  'MODEL_OUTPUT_TRUNCATED',
  'MODEL_SPEC_INVALID',
  'MODEL_CONTEXT_EXCEEDED',
  'MODEL_FILE_INVALID',
  'MODEL_NOT_DOWNLOADED',
  'MODEL_DOWNLOAD_FAILED',
  'MODEL_TOO_LARGE',
  'REPLAY_EXHAUSTED',
  'REPLAY_MISMATCH',
  'REPLAY_FILE_INVALID',
] as const satisfies readonly ModelErrorCode[];

export function isModelErrorCode(code: string): code is ModelErrorCode {
  return (MODEL_ERROR_CODES as readonly string[]).includes(code);
}
