import { setTimeout as sleep } from 'node:timers/promises';
import { llmInstanceInfo, loadConfig } from './model-info.js';
import type { ReceivedPrediction, ScriptedFragment, ScriptedLmStudioModel, ScriptedPrediction } from './scripted-lmstudio.js';
import type { PredictionFragment, ServerMessage } from './wire-messages.js';

export interface PredictionChannel {
  channelId: number;
  send: (message: ServerMessage) => void;
  /** Cuts the WebSocket without a close frame. */
  dropConnection: () => void;
  /** Aborted when the client cancels or the socket goes away. */
  stopped: AbortSignal;
}

function toWireFragment(fragment: ScriptedFragment): PredictionFragment {
  const scripted = typeof fragment === 'string' ? { content: fragment } : fragment;
  const reasoningType = scripted.reasoning ?? 'none';
  return {
    content: scripted.content,
    tokensCount: scripted.tokens ?? 1,
    containsDrafted: false,
    reasoningType,
    // LM Studio marks the `<think>` / `</think>` tags themselves as structural: not part of either text.
    isStructural: reasoningType === 'reasoningStartTag' || reasoningType === 'reasoningEndTag',
  };
}

/**
 * Plays one scripted prediction on a `predict` channel: fragments (with optional delays), then the
 * scripted end. A client `cancel` stops it at once with LM Studio's answer to a cancel: a `success`
 * packet whose stop reason is `userStopped`.
 */
export async function runScriptedPrediction(
  script: ScriptedPrediction,
  received: ReceivedPrediction,
  model: ScriptedLmStudioModel,
  promptTokens: number,
  channel: PredictionChannel,
): Promise<void> {
  const startedAt = performance.now();
  let firstFragmentAt: number | undefined;
  let predictedTokens = 0;
  const sendSuccess = (stopReason: string): void => {
    const totalSec = (performance.now() - startedAt) / 1000;
    const generationSec = firstFragmentAt === undefined ? 0 : (performance.now() - firstFragmentAt) / 1000;
    channel.send({
      type: 'channelSend',
      channelId: channel.channelId,
      message: {
        type: 'success',
        stats: {
          stopReason,
          tokensPerSecond: generationSec > 0 ? predictedTokens / generationSec : undefined,
          timeToFirstTokenSec: firstFragmentAt === undefined ? undefined : (firstFragmentAt - startedAt) / 1000,
          totalTimeSec: totalSec,
          promptTokensCount: promptTokens,
          predictedTokensCount: predictedTokens,
          totalTokensCount: promptTokens + predictedTokens,
        },
        modelInfo: llmInstanceInfo(model),
        loadModelConfig: loadConfig(model),
        predictionConfig: { fields: [] },
      },
    });
    channel.send({ type: 'channelClose', channelId: channel.channelId });
  };
  const cancelled = (): boolean => {
    if (!channel.stopped.aborted) return false;
    if (received.cancelled) sendSuccess('userStopped');
    return true;
  };

  for (const fragment of script.fragments) {
    if ((script.fragmentDelayMs ?? 0) > 0) await sleep(script.fragmentDelayMs, undefined, { signal: channel.stopped }).catch(() => undefined);
    if (cancelled()) return;
    const wire = toWireFragment(fragment);
    firstFragmentAt ??= performance.now();
    predictedTokens += wire.tokensCount;
    channel.send({ type: 'channelSend', channelId: channel.channelId, message: { type: 'fragment', fragment: wire } });
  }
  const end = script.end ?? { kind: 'success' };
  switch (end.kind) {
    case 'success':
      if (cancelled()) return;
      sendSuccess(end.stopReason ?? 'eosFound');
      return;
    case 'error':
      channel.send({ type: 'channelError', channelId: channel.channelId, error: end.error });
      return;
    case 'drop-connection':
      channel.dropConnection();
      return;
    case 'stall':
      await new Promise<void>((resolve) => {
        if (channel.stopped.aborted) resolve();
        else channel.stopped.addEventListener('abort', () => resolve(), { once: true });
      });
      cancelled();
  }
}
