import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startLmStudioProtocolServer, type LmStudioProtocolServer } from './lmstudio-protocol-server.js';

// The SCRIPTED server spoken to frame by frame, as the SDK does (see wire-messages.ts).
let server: LmStudioProtocolServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Opens a namespace socket and collects every frame the server sends. */
async function connect(lmstudio: LmStudioProtocolServer, namespace: string): Promise<{ socket: WebSocket; next: () => Promise<unknown> }> {
  const socket = new WebSocket(`${lmstudio.baseUrl}/${namespace}`);
  const frames: unknown[] = [];
  const waiting: ((frame: unknown) => void)[] = [];
  socket.on('message', (data) => {
    const frame: unknown = JSON.parse(String(data));
    const waiter = waiting.shift();
    if (waiter) waiter(frame);
    else frames.push(frame);
  });
  await new Promise((resolve) => socket.once('open', resolve));
  const next = (): Promise<unknown> => (frames.length > 0 ? Promise.resolve(frames.shift()) : new Promise((resolve) => waiting.push(resolve)));
  return { socket, next };
}

describe('startLmStudioProtocolServer (SCRIPTED)', () => {
  it('authenticates, answers an rpc, and plays a predict channel to its success packet and close', async () => {
    server = await startLmStudioProtocolServer({ predictions: [{ fragments: ['hi'] }] });
    const { socket, next } = await connect(server, 'llm');
    socket.send(JSON.stringify({ authVersion: 1, clientIdentifier: 'test', clientPasskey: 'secret' }));
    expect(await next()).toEqual({ success: true });

    socket.send(JSON.stringify({ type: 'rpcCall', endpoint: 'countTokens', callId: 0, parameter: { specifier: { type: 'query', query: {} }, inputString: '12345678' } }));
    expect(await next()).toEqual({ type: 'rpcResult', callId: 0, result: { tokenCount: 2 } });

    const history = { messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }] };
    const creationParameter = { modelSpecifier: { type: 'instanceReference', instanceReference: 'instance:scripted-model' }, history, predictionConfigStack: { layers: [] } };
    socket.send(JSON.stringify({ type: 'channelCreate', endpoint: 'predict', channelId: 1, creationParameter }));
    expect(await next()).toMatchObject({ type: 'channelSend', channelId: 1, message: { type: 'fragment', fragment: { content: 'hi', tokensCount: 1, reasoningType: 'none', isStructural: false } } });
    expect(await next()).toMatchObject({ type: 'channelSend', channelId: 1, message: { type: 'success', stats: { stopReason: 'eosFound', predictedTokensCount: 1 } } });
    expect(await next()).toEqual({ type: 'channelClose', channelId: 1 });
    expect(server.predictions[0]?.messages).toEqual([{ role: 'user', text: 'hello' }]);
    socket.close();
  });

  it('logs frames it cannot read as warnings and keeps serving', async () => {
    server = await startLmStudioProtocolServer({ predictions: [] });
    const { socket, next } = await connect(server, 'system');
    socket.send(JSON.stringify({ authVersion: 1, clientIdentifier: 'test', clientPasskey: 'secret' }));
    await next();
    socket.send('not json {');
    socket.send(JSON.stringify({ type: 'noSuchFrame' }));
    socket.send(JSON.stringify({ type: 'rpcCall', endpoint: 'version', callId: 7 }));
    expect(await next()).toEqual({ type: 'rpcResult', callId: 7, result: { version: '0.3.0-scripted', build: 1 } });
    expect(server.warnings).toEqual([expect.stringContaining('not JSON'), expect.stringContaining('noSuchFrame')]);
    socket.close();
  });
});
