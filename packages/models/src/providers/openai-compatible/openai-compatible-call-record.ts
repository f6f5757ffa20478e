import type { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { CallRecord, FinishReason } from '../../language-model.js';

export type ChatModel = ReturnType<ReturnType<typeof createOpenAICompatible>['chatModel']>;
export type GenerateResult = Awaited<ReturnType<ChatModel['doGenerate']>>;
export type StreamResult = Awaited<ReturnType<ChatModel['doStream']>>;
type SdkUsage = GenerateResult['usage'];

/** Unified finish reasons of the AI SDK → ours; a missing raw reason means the server did not say. */
export function mapFinishReason(finishReason: GenerateResult['finishReason']): FinishReason {
  if (finishReason.raw === undefined) return 'unknown';
  switch (finishReason.unified) {
    case 'stop':
    case 'length':
    case 'content-filter':
    case 'error':
      return finishReason.unified;
    default:
      return 'other';
  }
}

/** What one answer consists of, however it arrived (one body or a stream). */
export interface ChatAnswer {
  text: string;
  /** The server's separate reasoning (`reasoning_content` / `reasoning`), if any. */
  reasoning: string;
  usage: SdkUsage | undefined;
  finishReason: GenerateResult['finishReason'];
  modelId: string | undefined;
  timeToFirstTokenMs?: number;
  tokensPerSecond?: number;
}

/**
 * Reasoning tokens only when the server counted them: the SDK reports 0 for "not reported", which
 * would hide the estimate (parse-output.ts) behind a false zero.
 */
function reportedReasoningTokens(usage: SdkUsage | undefined): number | undefined {
  const raw: unknown = usage?.raw;
  if (typeof raw !== 'object' || raw === null || !('completion_tokens_details' in raw)) return undefined;
  const details: unknown = raw.completion_tokens_details;
  if (typeof details !== 'object' || details === null || !('reasoning_tokens' in details)) return undefined;
  return typeof details.reasoning_tokens === 'number' ? details.reasoning_tokens : undefined;
}

export function callRecordFromAnswer(answer: ChatAnswer, requestedModelId: string, totalMs: number): CallRecord {
  const reasoningTokens = reportedReasoningTokens(answer.usage);
  const record: CallRecord = {
    rawText: answer.text,
    usage: {
      promptTokens: answer.usage?.inputTokens.total,
      completionTokens: answer.usage?.outputTokens.total,
      ...(reasoningTokens === undefined ? {} : { reasoningTokens }),
    },
    timings: {
      totalMs: Math.round(totalMs),
      timeToFirstTokenMs: answer.timeToFirstTokenMs,
      ...(answer.tokensPerSecond === undefined ? {} : { tokensPerSecond: answer.tokensPerSecond }),
    },
    finishReason: mapFinishReason(answer.finishReason),
    rawFinishReason: answer.finishReason.raw,
    modelId: answer.modelId ?? requestedModelId,
  };
  if (answer.reasoning !== '') record.reasoning = answer.reasoning;
  return record;
}

/** A plain (non-streaming) answer's parts. */
export function answerFromGenerateResult(result: GenerateResult): ChatAnswer {
  const textOf = (type: 'text' | 'reasoning'): string => result.content.flatMap((part) => (part.type === type ? [part.text] : [])).join('');
  return {
    text: textOf('text'),
    reasoning: textOf('reasoning'),
    usage: result.usage,
    finishReason: result.finishReason,
    modelId: result.response?.modelId,
  };
}
