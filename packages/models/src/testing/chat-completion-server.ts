import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real OpenAI-compatible HTTP server for tests (127.0.0.1, a free port) that answers from a
 * script: faults real servers produce, then SCRIPTED answers — no model is involved. Streams Server-
 * Sent Events when the request asks for `stream: true`, like llama.cpp, vLLM, Ollama and LM Studio.
 */
export type ServerFault =
  /** An HTTP error status, e.g. 500, 503, or 429 with `retry-after`; `body` may be an HTML page. */
  | { fault: 'status'; status: number; body?: string; headers?: Record<string, string> }
  /** Headers and part of the body, then the connection is reset. */
  | { fault: 'reset-mid-body' }
  /** The socket closes before any answer. */
  | { fault: 'drop' }
  /** A 200 with an HTML page (a proxy or captive portal). */
  | { fault: 'html-page' }
  /** An event stream that stops mid-answer, without a finish reason. */
  | { fault: 'sse-cut' }
  /** An event stream that sends one chunk, then nothing while the connection stays open (a hung server). */
  | { fault: 'stall' };

export interface ScriptedAnswer {
  /** The message content (the answer text). */
  content: string;
  /** Sent apart as `reasoning_content`, as servers do for reasoning models. */
  reasoningContent?: string;
  finishReason?: string;
  /** Streamed in pieces of this many characters. Default 16. */
  chunkSize?: number;
}

export type ServerStep = ServerFault | ScriptedAnswer;

export interface ReceivedRequest {
  method: string | undefined;
  url: string | undefined;
  body: Record<string, unknown>;
}

export interface ChatCompletionServerOptions {
  /** One step per chat request, in order. */
  steps?: readonly ServerStep[];
  /** Answers once the steps are used up; `answerIndex` counts answers, not faults. Without it, extra requests get HTTP 500. */
  answer?: (request: ReceivedRequest, answerIndex: number) => ScriptedAnswer;
  /** `sse` (default) streams when asked; `reject` answers 400 naming `stream`; `ignore` sends JSON anyway. */
  streaming?: 'sse' | 'reject' | 'ignore';
  /** Served by `GET /v1/models`. */
  models?: readonly string[];
}

export interface ChatCompletionServer {
  /** Up to and including `/v1`. */
  baseUrl: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

const MODEL = 'scripted-model';

function completionBody(answer: ScriptedAnswer): string {
  const message: Record<string, unknown> = { role: 'assistant', content: answer.content };
  if (answer.reasoningContent !== undefined) message['reasoning_content'] = answer.reasoningContent;
  return JSON.stringify({
    id: 'chatcmpl-scripted',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: MODEL,
    choices: [{ index: 0, message, finish_reason: answer.finishReason ?? 'stop' }],
    usage: { prompt_tokens: 100, completion_tokens: Math.ceil(answer.content.length / 4), total_tokens: 100 + Math.ceil(answer.content.length / 4) },
  });
}

function chunk(delta: Record<string, unknown>, finishReason: string | null = null): string {
  return `data: ${JSON.stringify({ id: 'chatcmpl-scripted', object: 'chat.completion.chunk', created: 1_700_000_000, model: MODEL, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
}

function pieces(text: string, size: number): string[] {
  const result: string[] = [];
  for (let index = 0; index < text.length; index += size) result.push(text.slice(index, index + size));
  return result;
}

/** The whole event stream of one answer: reasoning deltas, content deltas, the finish, usage, `[DONE]`. */
export function sseEvents(answer: ScriptedAnswer): string[] {
  const size = answer.chunkSize ?? 16;
  const events = [chunk({ role: 'assistant', content: '' })];
  for (const piece of pieces(answer.reasoningContent ?? '', size)) events.push(chunk({ reasoning_content: piece }));
  for (const piece of pieces(answer.content, size)) events.push(chunk({ content: piece }));
  events.push(chunk({}, answer.finishReason ?? 'stop'));
  const completionTokens = events.length - 2;
  events.push(`data: ${JSON.stringify({ id: 'chatcmpl-scripted', object: 'chat.completion.chunk', created: 1_700_000_000, model: MODEL, choices: [], usage: { prompt_tokens: 100, completion_tokens: completionTokens, total_tokens: 100 + completionTokens } })}\n\n`);
  events.push('data: [DONE]\n\n');
  return events;
}

function sendAnswer(response: ServerResponse, answer: ScriptedAnswer, stream: boolean): void {
  if (!stream) {
    response.writeHead(200, { 'content-type': 'application/json' }).end(completionBody(answer));
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const event of sseEvents(answer)) response.write(event);
  response.end();
}

function sendFault(response: ServerResponse, fault: ServerFault, stream: boolean): void {
  switch (fault.fault) {
    case 'status':
      response.writeHead(fault.status, { 'content-type': fault.body?.startsWith('<') ? 'text/html' : 'application/json', ...fault.headers });
      response.end(fault.body ?? JSON.stringify({ error: { message: `scripted HTTP ${fault.status}` } }));
      return;
    case 'html-page':
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      return;
    case 'drop':
      response.socket?.destroy();
      return;
    case 'reset-mid-body': {
      const body = stream ? sseEvents({ content: '{"partial": "answ' }).slice(0, 2).join('') : completionBody({ content: '{"partial": true}' }).slice(0, 40);
      response.writeHead(200, { 'content-type': stream ? 'text/event-stream' : 'application/json', ...(stream ? {} : { 'content-length': '4000' }) });
      response.write(body, () => setTimeout(() => response.socket?.resetAndDestroy(), 10));
      return;
    }
    case 'sse-cut': {
      const events = sseEvents({ content: '{"answer": "this stream is cut off before it', chunkSize: 8 });
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const event of events.slice(0, 4)) response.write(event);
      response.end();
      return;
    }
    case 'stall':
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(sseEvents({ content: '{' })[1] ?? '');
      return;
  }
}

function isFault(step: ServerStep): step is ServerFault {
  return 'fault' in step;
}

export async function startChatCompletionServer(options: ChatCompletionServerOptions = {}): Promise<ChatCompletionServer> {
  const steps = [...(options.steps ?? [])];
  const received: ReceivedRequest[] = [];
  let answers = 0;
  const handle = (entry: ReceivedRequest, response: ServerResponse): void => {
    if (entry.method === 'GET' && entry.url === '/v1/models') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: (options.models ?? [MODEL]).map((id) => ({ id, object: 'model' })) }));
      return;
    }
    if (entry.url !== '/v1/chat/completions') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const wantsStream = entry.body['stream'] === true;
    if (wantsStream && options.streaming === 'reject') {
      response.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"stream is not supported by this server"}}');
      return;
    }
    const stream = wantsStream && options.streaming !== 'ignore';
    const step = steps.shift() ?? (options.answer === undefined ? undefined : options.answer(entry, answers));
    if (step === undefined) {
      response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"the test scripted no more answers"}}');
      return;
    }
    if (isFault(step)) return sendFault(response, step, stream);
    answers += 1;
    sendAnswer(response, step, stream);
  };
  const server: Server = createServer((incoming: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (data: Buffer) => chunks.push(data));
    incoming.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      } catch {
        body = { unparsable: text };
      }
      const entry = { method: incoming.method, url: incoming.url, body };
      received.push(entry);
      handle(entry, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
