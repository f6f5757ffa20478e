import type { CallRecord, FinishReason } from '../../language-model.js';
import type { PredictionFigures } from './lmstudio-prediction-progress.js';

/** The part of the SDK's `PredictionResult` the mapping reads; kept structural so it is testable without LM Studio. */
export interface LmStudioPredictionLike {
  /** Everything the model wrote, reasoning and its tags included. */
  content: string;
  /** The answer alone, when LM Studio separated the reasoning (its reasoning parsing); absent in older results. */
  nonReasoningContent?: string;
  /** LM Studio's separated reasoning ('' when there was none). */
  reasoningContent?: string;
  stats: {
    stopReason: string;
    tokensPerSecond?: number;
    timeToFirstTokenSec?: number;
    totalTimeSec?: number;
    promptTokensCount?: number;
    predictedTokensCount?: number;
  };
  modelInfo?: { identifier?: string; modelKey?: string };
}

/** SDK stop reasons → the interface's FinishReason; unknown reasons stay visible in `rawFinishReason`. */
export function mapLmStudioStopReason(stopReason: string): FinishReason {
  switch (stopReason) {
    case 'eosFound':
    case 'stopStringFound':
      return 'stop';
    case 'maxPredictedTokensReached':
    case 'contextLengthReached': // also a cut-off answer: the JSON is incomplete for the same reason
      return 'length';
    case 'failed':
    case 'modelUnloaded':
      return 'error';
    case 'userStopped':
    case 'toolCalls':
      return 'other';
    default:
      return 'unknown';
  }
}

/**
 * Pure mapping of one finished prediction to a CallRecord. `elapsedMs` is the wall clock around the
 * call; `streamed` are the figures measured from the fragments, used where LM Studio's stats lack them.
 */
export function lmStudioCallRecord(result: LmStudioPredictionLike, requestedModelId: string, elapsedMs: number, streamed?: PredictionFigures): CallRecord {
  const { stats } = result;
  const reasoning = result.reasoningContent?.trim() ?? '';
  const tokensPerSecond = stats.tokensPerSecond ?? streamed?.tokensPerSecond;
  const timeToFirstTokenMs = stats.timeToFirstTokenSec === undefined ? streamed?.timeToFirstTokenMs : Math.round(stats.timeToFirstTokenSec * 1000);
  const reasoningTokens = streamed !== undefined && streamed.reasoningTokens > 0 ? streamed.reasoningTokens : undefined;
  return {
    // With reasoning parsing on, `content` also holds the `<think>` block: the answer is the rest.
    rawText: result.nonReasoningContent ?? result.content,
    ...(reasoning === '' ? {} : { reasoning }),
    usage: {
      promptTokens: stats.promptTokensCount,
      completionTokens: stats.predictedTokensCount ?? streamed?.completionTokens,
      ...(reasoningTokens === undefined ? {} : { reasoningTokens }),
    },
    timings: {
      // Wall clock includes the websocket round trip; the SDK's own total is only generation time.
      totalMs: Math.round(elapsedMs),
      timeToFirstTokenMs,
      ...(tokensPerSecond === undefined ? {} : { tokensPerSecond: Math.round(tokensPerSecond * 10) / 10 }),
    },
    finishReason: mapLmStudioStopReason(stats.stopReason),
    rawFinishReason: stats.stopReason,
    modelId: result.modelInfo?.identifier ?? result.modelInfo?.modelKey ?? requestedModelId,
  };
}
