import type { PredictParameter, SerializedLmStudioError, StopReason } from './wire-messages.js';

/**
 * What a SCRIPTED LM Studio test server knows and does. No model runs: every answer, fragment and
 * fault is written by the test.
 */
export interface ScriptedLmStudio {
  /** Downloaded models. Default: one loaded model `scripted-model` with an 8192-token context. */
  models?: ScriptedLmStudioModel[];
  /** Answers, one per prediction in order; or a function of the prediction request. */
  predictions: ScriptedPrediction[] | ((request: ReceivedPrediction, index: number) => ScriptedPrediction);
  /** Prompt tokens for `countTokens`. Default: one token per 4 characters, rounded up. */
  countTokens?: (text: string) => number;
  /** RPCs answered with an error, e.g. `llm.getLoadConfig` (an LM Studio that cannot tell the context length). */
  failingRpcs?: readonly string[];
}

export interface ScriptedLmStudioModel {
  modelKey: string;
  /** The loaded instance's context length (what `getContextLength()` reads). Default 8192. */
  contextLength?: number;
  /** Not loaded yet: `model()` goes through startLoading → loadProgress → loadSuccess. Default true. */
  loaded?: boolean;
  /** Loading it fails with this error (e.g. out of memory). */
  loadError?: SerializedLmStudioError;
}

/** A fragment as the test writes it: plain text is an answer fragment of one token. */
export type ScriptedFragment =
  | string
  | { content: string; reasoning?: 'reasoning' | 'reasoningStartTag' | 'reasoningEndTag'; tokens?: number };

/** How a prediction ends, after its fragments were sent. */
export type ScriptedPredictionEnd =
  /** The normal end: a `success` packet with stats, then the channel closes. */
  | { kind: 'success'; stopReason?: StopReason }
  /** The server fails the prediction (`channelError`), as LM Studio does when a model crashes. */
  | { kind: 'error'; error: SerializedLmStudioError }
  /** The WebSocket is cut without a close frame: a crashed or restarted server. */
  | { kind: 'drop-connection' }
  /** No more fragments and no end: only a `cancel` from the client finishes it (stopReason `userStopped`). */
  | { kind: 'stall' };

export interface ScriptedPrediction {
  fragments: ScriptedFragment[];
  /** Wait before each fragment (ms). Default 0. */
  fragmentDelayMs?: number;
  /** Default `{kind: 'success', stopReason: 'eosFound'}`. */
  end?: ScriptedPredictionEnd;
}

/** What the server saw of one prediction request: for assertions on what the provider sent. */
export interface ReceivedPrediction {
  modelKey: string;
  messages: { role: string; text: string }[];
  /** `llm.prediction.maxPredictedTokens` (`{checked, value}` on the wire). */
  maxTokens: number | undefined;
  temperature: number | undefined;
  /** `llm.prediction.structured`, e.g. `{type: 'json', jsonSchema}`. */
  structured: unknown;
  /** Set when the client sent `{type: 'cancel'}` on the channel. */
  cancelled: boolean;
  raw: PredictParameter;
}
