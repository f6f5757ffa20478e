import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedServer {
  baseUrl: string;
  /** Chat requests received so far (answered or held). */
  readonly requests: number;
  /** Resolves when the held request arrives. */
  held: Promise<void>;
  /** From now on every request is answered (the held one is dropped with its connection). */
  release(): void;
  close(): Promise<void>;
}

function completion(content: string): string {
  return JSON.stringify({
    id: 'chatcmpl-scripted',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'scripted-coder',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 100, completion_tokens: Math.ceil(content.length / 4) },
  });
}

/** The same answer as a server-sent event stream, as real servers send it when asked to stream. */
function completionStream(content: string): string {
  const chunk = (body: object) => `data: ${JSON.stringify({ id: 'chatcmpl-scripted', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'scripted-coder', ...body })}\n\n`;
  return [
    chunk({ choices: [{ index: 0, delta: { role: 'assistant', content }, finish_reason: null }] }),
    chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 100, completion_tokens: Math.ceil(content.length / 4) } }),
    'data: [DONE]\n\n',
  ].join('');
}

function wantsStream(body: string): boolean {
  try {
    return (JSON.parse(body) as { stream?: unknown }).stream === true;
  } catch {
    return false;
  }
}

/**
 * An OpenAI-compatible server on 127.0.0.1 (free port) that answers chat calls with SCRIPTED answers
 * in order (streamed when the request asks for a stream), and never answers request number `holdAt` (1-based) — a model still thinking when the
 * process is killed. The held request does not consume an answer.
 */
export async function startScriptedOpenAiServer(answers: readonly string[], options: { holdAt?: number } = {}): Promise<ScriptedServer> {
  let requests = 0;
  let answered = 0;
  let holding = options.holdAt !== undefined;
  let onHeld: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (onHeld = resolve));
  const send = (response: ServerResponse, status: number, body: string) => response.writeHead(status, { 'content-type': 'application/json' }).end(body);
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      if (request.method === 'GET' && request.url?.endsWith('/models')) return send(response, 200, JSON.stringify({ object: 'list', data: [{ id: 'scripted-coder', object: 'model' }] }));
      requests += 1;
      if (holding && requests === options.holdAt) return onHeld();
      const answer = answers[answered];
      answered += 1;
      if (answer === undefined) return send(response, 500, JSON.stringify({ error: { message: `no scripted answer #${answered}` } }));
      if (wantsStream(body)) response.writeHead(200, { 'content-type': 'text/event-stream' }).end(completionStream(answer));
      else send(response, 200, completion(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    get requests() {
      return requests;
    },
    held,
    release: () => {
      holding = false;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
