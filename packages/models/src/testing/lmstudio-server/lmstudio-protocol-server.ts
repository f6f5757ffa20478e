import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { ReceivedPrediction, ScriptedLmStudio, ScriptedLmStudioModel } from './scripted-lmstudio.js';
import { serveScriptedConnection } from './scripted-connection.js';
import { scriptedState } from './scripted-state.js';

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

/**
 * Starts a SCRIPTED server that speaks @lmstudio/sdk 1.5's WebSocket protocol (see wire-messages.ts)
 * for the calls `LmStudioModel` makes, plus LM Studio's `GET /v1/models` on the same port (the
 * provider's preflight). Listens on 127.0.0.1, port 0. `ws` does the WebSocket framing.
 */
export async function startLmStudioProtocolServer(script: ScriptedLmStudio): Promise<LmStudioProtocolServer> {
  const state = scriptedState(script);
  const http = createServer((request, response) => answerHttp(request, response, state.models));
  const sockets = new WebSocketServer({ server: http });
  // The SDK opens one socket per namespace: ws://host:port/llm, /system, …
  sockets.on('connection', (socket, request) => serveScriptedConnection(state, socket, (request.url ?? '/').replace(/^\//, '')));

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    baseUrl: `ws://127.0.0.1:${port}`,
    port,
    predictions: state.predictions,
    calls: state.calls,
    warnings: state.warnings,
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
