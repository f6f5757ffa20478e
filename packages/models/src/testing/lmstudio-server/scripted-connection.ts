import type { WebSocket } from 'ws';
import { openScriptedChannel } from './scripted-channels.js';
import { answerRpc } from './scripted-rpc.js';
import type { ScriptedState } from './scripted-state.js';
import { AuthenticationSchema, ClientMessageSchema, type ClientMessage, type ServerMessage } from './wire-messages.js';

/**
 * One SDK WebSocket (one namespace, e.g. `llm`): the authentication frame first, then RPCs and
 * channels. Frames that do not parse are logged as warnings (never thrown: the test would see a
 * crash instead of the protocol problem).
 */
export function serveScriptedConnection(state: ScriptedState, socket: WebSocket, namespace: string): void {
  const channels = new Map<number, (packet: unknown) => void>();
  const socketClosed = new AbortController();
  socket.on('close', () => socketClosed.abort());
  const send = (message: ServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  let authenticated = false;

  const handle = (message: ClientMessage): void => {
    switch (message.type) {
      case 'communicationWarning':
        state.warnings.push(message.warning);
        return;
      case 'keepAlive':
        send({ type: 'keepAliveAck' });
        return;
      case 'channelAck':
        return;
      case 'channelSend':
        channels.get(message.channelId)?.(message.message);
        return;
      case 'rpcCall': {
        const endpoint = `${namespace}.${message.endpoint}`;
        state.calls.push(endpoint);
        const answer = answerRpc(state, endpoint, message.parameter);
        send('error' in answer ? { type: 'rpcError', callId: message.callId, error: answer.error } : { type: 'rpcResult', callId: message.callId, result: answer.result });
        return;
      }
      case 'channelCreate': {
        const { channelId } = message;
        const stopped = new AbortController();
        socketClosed.signal.addEventListener('abort', () => stopped.abort(), { once: true });
        const sendOnChannel = (outgoing: ServerMessage): void => {
          send(outgoing);
          if (outgoing.type === 'channelClose' || outgoing.type === 'channelError') {
            channels.delete(channelId);
            stopped.abort();
          }
        };
        const dropConnection = (): void => {
          state.calls.push('connection dropped');
          socket.terminate();
        };
        channels.set(channelId, () => undefined);
        const onPacket = openScriptedChannel(state, `${namespace}.${message.endpoint}`, message.creationParameter, { channelId, send: sendOnChannel, stopped, dropConnection });
        if (channels.has(channelId)) channels.set(channelId, onPacket);
      }
    }
  };

  socket.on('message', (data) => {
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      state.warnings.push(`client frame is not JSON: ${String(data).slice(0, 200)}`);
      return;
    }
    if (!authenticated) {
      authenticated = AuthenticationSchema.safeParse(json).success;
      socket.send(JSON.stringify(authenticated ? { success: true } : { success: false, error: 'scripted server: bad authentication packet' }));
      return;
    }
    const parsed = ClientMessageSchema.safeParse(json);
    if (parsed.success) handle(parsed.data);
    else state.warnings.push(`unparsed client frame: ${String(data).slice(0, 200)}`);
  });
}
