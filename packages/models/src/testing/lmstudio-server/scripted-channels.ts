import { llmInfo, llmInstanceInfo } from './model-info.js';
import type { ReceivedPrediction } from './scripted-lmstudio.js';
import { runScriptedPrediction } from './scripted-prediction-run.js';
import { modelOf, promptTemplate, type ScriptedState } from './scripted-state.js';
import { CancelPacketSchema, GetOrLoadParameterSchema, PredictParameterSchema, chatMessages, kvStackValue, type PredictParameter, type ServerMessage } from './wire-messages.js';

/** One open channel, as the connection sees it. */
export interface OpenChannel {
  channelId: number;
  /** Sends on the socket; a `channelClose` / `channelError` also ends the channel. */
  send: (message: ServerMessage) => void;
  /** Aborted when the channel ends, the client cancels, or the socket goes away. */
  stopped: AbortController;
  dropConnection: () => void;
}

/** Starts a channel endpoint; returns what to do with packets the client sends on it. */
export function openScriptedChannel(state: ScriptedState, endpoint: string, parameter: unknown, channel: OpenChannel): (packet: unknown) => void {
  if (endpoint === 'llm.getOrLoad') return getOrLoad(state, GetOrLoadParameterSchema.parse(parameter).identifier, channel);
  if (endpoint === 'llm.predict') return predict(state, PredictParameterSchema.parse(parameter), channel);
  state.calls.push(endpoint);
  channel.send({ type: 'channelError', channelId: channel.channelId, error: { title: `The scripted LM Studio does not implement channel ${endpoint}` } });
  return () => undefined;
}

/** `client.llm.model(key)`: alreadyLoaded, or startLoading → loadProgress → loadSuccess (or the scripted load error). */
function getOrLoad(state: ScriptedState, identifier: string, { channelId, send }: OpenChannel): (packet: unknown) => void {
  state.calls.push(`llm.getOrLoad ${identifier}`);
  const onPacket = (): void => void state.calls.push('llm.getOrLoad cancel');
  const model = state.models.find((candidate) => candidate.modelKey === identifier);
  const packet = (message: Record<string, unknown>): void => send({ type: 'channelSend', channelId, message });
  if (model === undefined) {
    const availablePathsSample = state.models.map((candidate) => candidate.modelKey);
    const displayData = { code: 'generic.pathNotFound', path: identifier, availablePathsSample, totalModels: state.models.length };
    send({ type: 'channelError', channelId, error: { title: `No model found that matches path "${identifier}"`, displayData } });
    return onPacket;
  }
  if (model.loaded === true) {
    packet({ type: 'alreadyLoaded', info: llmInstanceInfo(model) });
  } else {
    packet({ type: 'startLoading', identifier: model.modelKey, info: llmInfo(model) });
    packet({ type: 'loadProgress', progress: 0.5 });
    if (model.loadError !== undefined) {
      send({ type: 'channelError', channelId, error: model.loadError });
      return onPacket;
    }
    model.loaded = true;
    packet({ type: 'loadSuccess', info: llmInstanceInfo(model) });
  }
  send({ type: 'channelClose', channelId });
  return onPacket;
}

/** `model.respond(chat)`: records the request, then plays the next scripted prediction; a `cancel` stops it. */
function predict(state: ScriptedState, request: PredictParameter, channel: OpenChannel): (packet: unknown) => void {
  state.calls.push('llm.predict');
  const model = modelOf(state, request.modelSpecifier);
  const received = receivedPrediction(request, model?.modelKey ?? '(unknown)');
  state.predictions.push(received);
  const onPacket = (packet: unknown): void => {
    if (!CancelPacketSchema.safeParse(packet).success) return;
    state.calls.push('llm.predict cancel');
    received.cancelled = true;
    channel.stopped.abort();
  };
  const fail = (title: string): void => channel.send({ type: 'channelError', channelId: channel.channelId, error: { title } });
  if (model === undefined) {
    fail('The model to predict with is not loaded');
    return onPacket;
  }
  const index = state.predictions.length - 1;
  const { predictions } = state.script;
  const scripted = typeof predictions === 'function' ? predictions(received, index) : predictions[index];
  if (scripted === undefined) {
    fail(`The scripted LM Studio has no answer for prediction ${index + 1}`);
    return onPacket;
  }
  const promptTokens = state.countTokens(promptTemplate(received.messages));
  void runScriptedPrediction(scripted, received, model, promptTokens, {
    channelId: channel.channelId,
    send: channel.send,
    dropConnection: channel.dropConnection,
    stopped: channel.stopped.signal,
  });
  return onPacket;
}

function receivedPrediction(request: PredictParameter, modelKey: string): ReceivedPrediction {
  const maxTokens = kvStackValue(request.predictionConfigStack, 'llm.prediction.maxPredictedTokens');
  const temperature = kvStackValue(request.predictionConfigStack, 'llm.prediction.temperature');
  return {
    modelKey,
    messages: chatMessages(request.history),
    maxTokens: isCheckedNumber(maxTokens) ? maxTokens.value : undefined,
    temperature: typeof temperature === 'number' ? temperature : undefined,
    structured: kvStackValue(request.predictionConfigStack, 'llm.prediction.structured'),
    cancelled: false,
    raw: request,
  };
}

/** The SDK sends `maxTokens` as a checkbox number: `{checked: true, value}`. */
function isCheckedNumber(value: unknown): value is { checked: true; value: number } {
  return typeof value === 'object' && value !== null && 'checked' in value && value.checked === true && 'value' in value && typeof value.value === 'number';
}
