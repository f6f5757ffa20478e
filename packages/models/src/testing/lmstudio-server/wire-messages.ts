import { z } from 'zod';

/**
 * The part of @lmstudio/sdk 1.5's WebSocket protocol that `LmStudioModel` uses, transcribed from the
 * SDK's own definitions (dist/index.mjs: `clientToServerMessageSchema`, `serverToClientMessageSchema`,
 * `createBaseModelBackendInterface`, `createLlmBackendInterface`, `createSystemBackendInterface`).
 * Every endpoint uses the SDK's "raw" serialization: values travel as plain JSON.
 *
 * One WebSocket per namespace (`ws://host:port/llm`, `/system`, …). The first client frame is the
 * authentication `{authVersion: 1, clientIdentifier, clientPasskey}`, answered by `{success: true}`.
 */
export const AuthenticationSchema = z.object({
  authVersion: z.literal(1),
  clientIdentifier: z.string(),
  clientPasskey: z.string(),
});

/** Client → server frames. Signals (subscribe/unsubscribe) are not used by the calls the provider makes. */
export const ClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('communicationWarning'), warning: z.string() }),
  z.object({ type: z.literal('keepAlive') }),
  z.object({ type: z.literal('channelCreate'), endpoint: z.string(), channelId: z.number().int(), creationParameter: z.unknown().optional() }),
  z.object({ type: z.literal('channelSend'), channelId: z.number().int(), message: z.unknown().optional(), ackId: z.number().int().optional() }),
  z.object({ type: z.literal('channelAck'), channelId: z.number().int(), ackId: z.number().int() }),
  z.object({ type: z.literal('rpcCall'), endpoint: z.string(), callId: z.number().int(), parameter: z.unknown().optional() }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

/** A kv config (`{fields: [{key, value}]}`): how the SDK sends load and prediction settings. */
export const KvConfigSchema = z.object({ fields: z.array(z.object({ key: z.string(), value: z.unknown() })) });
export type KvConfig = z.infer<typeof KvConfigSchema>;
const KvConfigStackSchema = z.object({ layers: z.array(z.object({ layerName: z.string(), config: KvConfigSchema })) });

const ModelSpecifierSchema = z.union([
  z.object({ type: z.literal('query'), query: z.object({ identifier: z.string().optional(), path: z.string().optional() }) }),
  z.object({ type: z.literal('instanceReference'), instanceReference: z.string() }),
]);
export type ModelSpecifier = z.infer<typeof ModelSpecifierSchema>;

const ChatHistorySchema = z.object({
  messages: z.array(
    z.object({
      role: z.string(),
      content: z.array(z.object({ type: z.string(), text: z.string().optional() })),
    }),
  ),
});
export type ChatHistory = z.infer<typeof ChatHistorySchema>;

/** `llm` channel `getOrLoad`: `client.llm.model(key)`. */
export const GetOrLoadParameterSchema = z.object({ identifier: z.string(), loadTtlMs: z.number().optional(), loadConfigStack: KvConfigStackSchema });
/** `llm` channel `predict`: `model.respond(chat)`. The only packet the client sends on it is `{type: 'cancel'}`. */
export const PredictParameterSchema = z.object({
  modelSpecifier: ModelSpecifierSchema,
  history: ChatHistorySchema,
  predictionConfigStack: KvConfigStackSchema,
  fuzzyPresetIdentifier: z.string().optional(),
  ignoreServerSessionConfig: z.boolean().optional(),
});
export type PredictParameter = z.infer<typeof PredictParameterSchema>;
export const CancelPacketSchema = z.object({ type: z.literal('cancel') });
/** `llm` rpcs `getLoadConfig` (context length), `countTokens`, `applyPromptTemplate`. */
export const SpecifierParameterSchema = z.object({ specifier: ModelSpecifierSchema });
export const CountTokensParameterSchema = z.object({ specifier: ModelSpecifierSchema, inputString: z.string() });
export const ApplyPromptTemplateParameterSchema = z.object({ specifier: ModelSpecifierSchema, history: ChatHistorySchema });

/** The SDK's `llmPredictionFragmentSchema`: every field is required on the wire. */
export interface PredictionFragment {
  content: string;
  tokensCount: number;
  containsDrafted: boolean;
  reasoningType: 'none' | 'reasoning' | 'reasoningStartTag' | 'reasoningEndTag';
  isStructural: boolean;
}

export type StopReason =
  | 'userStopped'
  | 'modelUnloaded'
  | 'failed'
  | 'eosFound'
  | 'stopStringFound'
  | 'toolCalls'
  | 'maxPredictedTokensReached'
  | 'contextLengthReached';

/** The SDK's `serializedLMSExtendedErrorSchema` (title, cause, displayData with a `code` for known cases). */
export interface SerializedLmStudioError {
  title: string;
  cause?: string;
  suggestion?: string;
  displayData?: Record<string, unknown>;
}

/** Server → client frames the test server sends. */
export type ServerMessage =
  | { type: 'rpcResult'; callId: number; result: unknown }
  | { type: 'rpcError'; callId: number; error: SerializedLmStudioError }
  | { type: 'channelSend'; channelId: number; message: unknown }
  | { type: 'channelClose'; channelId: number }
  | { type: 'channelError'; channelId: number; error: SerializedLmStudioError }
  | { type: 'keepAliveAck' };

/** Reads one field of a kv config stack, the last layer that sets it winning (as LM Studio merges them). */
export function kvStackValue(stack: z.infer<typeof KvConfigStackSchema>, key: string): unknown {
  let value: unknown;
  for (const layer of stack.layers) {
    for (const field of layer.config.fields) if (field.key === key) value = field.value;
  }
  return value;
}

/** The text of each message of a chat, as the SDK sends it (text parts joined). */
export function chatMessages(history: ChatHistory): { role: string; text: string }[] {
  return history.messages.map((message) => ({
    role: message.role,
    text: message.content.map((part) => part.text ?? '').join(''),
  }));
}
