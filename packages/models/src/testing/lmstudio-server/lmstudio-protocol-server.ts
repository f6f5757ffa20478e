import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { DEFAULT_SCRIPTED_MODEL, instanceReferenceOf, llmInfo, llmInstanceInfo, loadConfig } from './model-info.js';
import { runScriptedPrediction } from './scripted-prediction-run.js';
import type { ReceivedPrediction, ScriptedLmStudio, ScriptedLmStudioModel } from './scripted-lmstudio.js';
import {
  ApplyPromptTemplateParameterSchema,
  AuthenticationSchema,
  CancelPacketSchema,
  ClientMessageSchema,
  CountTokensParameterSchema,
  GetOrLoadParameterSchema,
  PredictParameterSchema,
  SpecifierParameterSchema,
  chatMessages,
  kvStackValue,
  type ClientMessage,
  type ModelSpecifier,
  type SerializedLmStudioError,
  type ServerMessage,
} from './wire-messages.js';

/** A running SCRIPTED LM Studio: the address to give `LmStudioModel`, and what it saw. */
export interface LmStudioProtocolServer {
  /** `ws://127.0.0.1:<port>` */
  baseUrl: string;
  port: number;
  /** Every prediction request, in order, with whether the client cancelled it. */
  readonly predictions: ReceivedPrediction[];
  /** One line per endpoint call, e.g. `system.version`, `llm.getOrLoad qwen`, `llm.predict`, `llm.predict cancel`. */
  readonly calls: string[];
  /** `communicationWarning`s from the SDK: it rejected something this server sent. A correct server gets none. */
  readonly warnings: string[];
  close: () => Promise<void>;
}

const defaultCountTokens = (text: string): number => Math.ceil(text.length / 4);

/**
 * Starts a SCRIPTED server that speaks @lmstudio/sdk 1.5's WebSocket protocol (see wire-messages.ts)
 * for the calls `LmStudioModel` makes, plus LM Studio's `GET /v1/models` on the same port (the
 * provider's preflight). Listens on 127.0.0.1, port 0. `ws` does the WebSocket framing.
 */
export async function startLmStudioProtocolServer(script: ScriptedLmStudio): Promise<LmStudioProtocolServer> {
  const models = (script.models ?? [DEFAULT_SCRIPTED_MODEL]).map((model) => ({ ...model, loaded: model.loaded ?? true }));
  const countTokens = script.countTokens ?? defaultCountTokens;
  const predictions: ReceivedPrediction[] = [];
  const calls: string[] = [];
  const warnings: string[] = [];

  const http = createServer((request, response) => answerHttp(request, response, models));
  const sockets = new WebSocketServer({ server: http });
  sockets.on('connection', (socket, request) => {
    const namespace = (request.url ?? '/').replace(/^\//, '');
    const channels = new Map<number, { onPacket: (packet: unknown) => void }>();
    const stopAll = new AbortController();
    socket.on('close', () => stopAll.abort());
    const send = (message: ServerMessage): void => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    };
    let authenticated = false;
    socket.on('message', (data) => {
      const json: unknown = JSON.parse(String(data));
      if (!authenticated) {
        authenticated = AuthenticationSchema.safeParse(json).success;
        socket.send(JSON.stringify(authenticated ? { success: true } : { success: false, error: 'scripted server: bad authentication packet' }));
        return;
      }
      const parsed = ClientMessageSchema.safeParse(json);
      if (!parsed.success) {
        warnings.push(`unparsed client frame: ${String(data).slice(0, 200)}`);
        return;
      }
      handle(parsed.data);
    });

    const handle = (message: ClientMessage): void => {
      switch (message.type) {
        case 'communicationWarning':
          warnings.push(message.warning);
          return;
        case 'keepAlive':
          send({ type: 'keepAliveAck' });
          return;
        case 'channelAck':
          return;
        case 'channelSend':
          channels.get(message.channelId)?.onPacket(message.message);
          return;
        case 'rpcCall': {
          calls.push(`${namespace}.${message.endpoint}`);
          const answer = rpcAnswer(`${namespace}.${message.endpoint}`, message.parameter);
          send('error' in answer ? { type: 'rpcError', callId: message.callId, error: answer.error } : { type: 'rpcResult', callId: message.callId, result: answer.result });
          return;
        }
        case 'channelCreate':
          openChannel(message.endpoint, message.channelId, message.creationParameter);
      }
    };

    const rpcAnswer = (endpoint: string, parameter: unknown): { result: unknown } | { error: SerializedLmStudioError } => {
      if (script.failingRpcs?.includes(endpoint) === true) return { error: { title: `Scripted failure of ${endpoint}` } };
      switch (endpoint) {
        case 'system.version':
          return { result: { version: '0.3.0-scripted', build: 1 } };
        case 'system.listDownloadedModels':
          return { result: models.map(llmInfo) };
        case 'llm.listLoaded':
          return { result: models.filter((model) => model.loaded).map(llmInstanceInfo) };
        case 'llm.getLoadConfig':
        case 'llm.getModelInfo': {
          const model = modelOf(SpecifierParameterSchema.parse(parameter).specifier);
          if (model === undefined) return { error: { title: 'No model matches the specifier', displayData: { code: 'generic.specificModelUnloaded' } } };
          return { result: endpoint === 'llm.getLoadConfig' ? loadConfig(model) : llmInstanceInfo(model) };
        }
        case 'llm.countTokens':
          return { result: { tokenCount: countTokens(CountTokensParameterSchema.parse(parameter).inputString) } };
        case 'llm.applyPromptTemplate': {
          const { history } = ApplyPromptTemplateParameterSchema.parse(parameter);
          return { result: { formatted: promptTemplate(chatMessages(history)) } };
        }
        default:
          return { error: { title: `The scripted LM Studio does not implement ${endpoint}` } };
      }
    };

    const openChannel = (endpoint: string, channelId: number, parameter: unknown): void => {
      const stopped = new AbortController();
      stopAll.signal.addEventListener('abort', () => stopped.abort(), { once: true });
      const close = (): void => {
        channels.delete(channelId);
        stopped.abort();
      };
      const sendAndTrack = (message: ServerMessage): void => {
        send(message);
        if (message.type === 'channelClose' || message.type === 'channelError') close();
      };
      if (`${namespace}.${endpoint}` === 'llm.getOrLoad') {
        const { identifier } = GetOrLoadParameterSchema.parse(parameter);
        calls.push(`llm.getOrLoad ${identifier}`);
        channels.set(channelId, { onPacket: () => void calls.push('llm.getOrLoad cancel') });
        getOrLoad(identifier, channelId, sendAndTrack);
        return;
      }
      if (`${namespace}.${endpoint}` === 'llm.predict') {
        const request = PredictParameterSchema.parse(parameter);
        calls.push('llm.predict');
        const model = modelOf(request.modelSpecifier);
        const received = receivedPrediction(request, model?.modelKey ?? '(unknown)');
        predictions.push(received);
        channels.set(channelId, {
          onPacket: (packet) => {
            if (!CancelPacketSchema.safeParse(packet).success) return;
            calls.push('llm.predict cancel');
            received.cancelled = true;
            stopped.abort();
          },
        });
        if (model === undefined) {
          sendAndTrack({ type: 'channelError', channelId, error: { title: 'The model to predict with is not loaded', displayData: { code: 'generic.specificModelUnloaded' } } });
          return;
        }
        const index = predictions.length - 1;
        const scripted = typeof script.predictions === 'function' ? script.predictions(received, index) : script.predictions[index];
        if (scripted === undefined) {
          sendAndTrack({ type: 'channelError', channelId, error: { title: `The scripted LM Studio has no answer for prediction ${index + 1}` } });
          return;
        }
        const promptTokens = countTokens(promptTemplate(received.messages));
        void runScriptedPrediction(scripted, received, model, promptTokens, {
          channelId,
          send: sendAndTrack,
          dropConnection: () => {
            calls.push('connection dropped');
            socket.terminate();
          },
          stopped: stopped.signal,
        });
        return;
      }
      calls.push(`${namespace}.${endpoint}`);
      sendAndTrack({ type: 'channelError', channelId, error: { title: `The scripted LM Studio does not implement channel ${endpoint}` } });
    };

    const getOrLoad = (identifier: string, channelId: number, sendOnChannel: (message: ServerMessage) => void): void => {
      const model = models.find((candidate) => candidate.modelKey === identifier);
      const packet = (message: Record<string, unknown>): void => sendOnChannel({ type: 'channelSend', channelId, message });
      if (model === undefined) {
        sendOnChannel({
          type: 'channelError',
          channelId,
          error: {
            title: `No model found that matches path "${identifier}"`,
            displayData: { code: 'generic.pathNotFound', path: identifier, availablePathsSample: models.map((candidate) => candidate.modelKey), totalModels: models.length },
          },
        });
        return;
      }
      if (model.loaded) {
        packet({ type: 'alreadyLoaded', info: llmInstanceInfo(model) });
      } else {
        packet({ type: 'startLoading', identifier: model.modelKey, info: llmInfo(model) });
        packet({ type: 'loadProgress', progress: 0.5 });
        if (model.loadError !== undefined) {
          sendOnChannel({ type: 'channelError', channelId, error: model.loadError });
          return;
        }
        model.loaded = true;
        packet({ type: 'loadSuccess', info: llmInstanceInfo(model) });
      }
      sendOnChannel({ type: 'channelClose', channelId });
    };
  });

  const modelOf = (specifier: ModelSpecifier): ScriptedLmStudioModel | undefined =>
    models.find((model) =>
      specifier.type === 'instanceReference'
        ? instanceReferenceOf(model.modelKey) === specifier.instanceReference && model.loaded
        : model.modelKey === (specifier.query.identifier ?? specifier.query.path),
    );

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    baseUrl: `ws://127.0.0.1:${port}`,
    port,
    predictions,
    calls,
    warnings,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** LM Studio's OpenAI-style model list, which the provider's preflight reads before the SDK connects. */
function answerHttp(request: IncomingMessage, response: ServerResponse, models: readonly ScriptedLmStudioModel[]): void {
  if (request.method === 'GET' && request.url === '/v1/models') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: models.map((model) => ({ id: model.modelKey, object: 'model' })) }));
    return;
  }
  if (request.method === 'GET' && request.url === '/lmstudio-greeting') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ lmstudio: true }));
    return;
  }
  response.writeHead(404).end();
}

/** A stand-in chat template (real ones differ per model): enough for token counts to grow with the prompt. */
function promptTemplate(messages: readonly { role: string; text: string }[]): string {
  return `${messages.map((message) => `<|${message.role}|>\n${message.text}\n`).join('')}<|assistant|>\n`;
}

function receivedPrediction(request: ReturnType<typeof PredictParameterSchema.parse>, modelKey: string): ReceivedPrediction {
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

function isCheckedNumber(value: unknown): value is { checked: true; value: number } {
  return typeof value === 'object' && value !== null && 'checked' in value && value.checked === true && 'value' in value && typeof value.value === 'number';
}
