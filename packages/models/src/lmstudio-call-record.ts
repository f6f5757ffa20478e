import type { CallRecord, FinishReason } from './language-model.js';

/** The part of the SDK's `PredictionResult` the mapping reads; kept structural so it is testable without LM Studio. */
export interface LmStudioPredictionLike {
  content: string;
  stats: {
    stopReason: string;
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

/** Pure mapping of one finished prediction to a CallRecord. `elapsedMs` is the wall clock around the call. */
export function lmStudioCallRecord(result: LmStudioPredictionLike, requestedModelId: string, elapsedMs: number): CallRecord {
  const { stats } = result;
  return {
    rawText: result.content,
    usage: { promptTokens: stats.promptTokensCount, completionTokens: stats.predictedTokensCount },
    timings: {
      // Wall clock includes the websocket round trip; the SDK's own total is only generation time.
      totalMs: Math.round(elapsedMs),
      timeToFirstTokenMs: stats.timeToFirstTokenSec === undefined ? undefined : Math.round(stats.timeToFirstTokenSec * 1000),
    },
    finishReason: mapLmStudioStopReason(stats.stopReason),
    rawFinishReason: stats.stopReason,
    modelId: result.modelInfo?.identifier ?? result.modelInfo?.modelKey ?? requestedModelId,
  };
}
