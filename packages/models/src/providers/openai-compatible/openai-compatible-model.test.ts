import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ModelAbortedError, ModelHttpError, ModelNotFoundError, ModelOutputError, ModelTimeoutError, ModelUnreachableError } from '../../errors.js';
import type { GenerateObjectRequest } from '../../language-model.js';
import { OpenAICompatibleModel } from './openai-compatible-model.js';

const schema = z.object({ answer: z.string(), confidence: z.number() });
type Answer = z.infer<typeof schema>;

function request(overrides: Partial<GenerateObjectRequest<Answer>> = {}): GenerateObjectRequest<Answer> {
  return {
    system: 'You are terse.',
    prompt: 'What is 2+2?',
    schema,
    jsonSchema: z.toJSONSchema(schema),
    schemaName: 'answer',
    temperature: 0.2,
    maxTokens: 256,
    seed: 7,
    ...overrides,
  };
}

function completion(content: string, finishReason: string | null = 'stop', model = 'served-model'): string {
  return JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1700000000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason }],
    usage: { prompt_tokens: 31, completion_tokens: 12, total_tokens: 43 },
  });
}

interface Received {
  url: string | undefined;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}
type Handler = (received: Received, response: ServerResponse) => void;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); })));
});

/** A real HTTP server on an ephemeral port; records every request body it receives. */
async function startServer(handler: Handler): Promise<{ baseUrl: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const entry: Received = { url: incoming.url, headers: incoming.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
      received.push(entry);
      handler(entry, response);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/v1`, received };
}

function sendJson(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(body);
}

/** Plain (non-streaming) requests without transport retries: what these tests check is one request's mapping. */
const plain = { stream: false, maxRetries: 0 } as const;

describe('OpenAICompatibleModel (plain requests)', () => {
  it('sends model, system+user messages, strict json_schema, max_tokens, temperature and seed', async () => {
    const { baseUrl, received } = await startServer((_, response) => sendJson(response, 200, completion('{"answer":"4","confidence":0.9}')));
    const model = new OpenAICompatibleModel('qwen2.5-coder:7b', { ...plain, baseUrl, provider: 'ollama' });
    await model.generateObject(request());
    expect(received).toHaveLength(1);
    const [{ url, body }] = received as [Received];
    expect(url).toBe('/v1/chat/completions');
    expect(body['model']).toBe('qwen2.5-coder:7b');
    expect(body['messages']).toEqual([
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'What is 2+2?' },
    ]);
    expect(body['response_format']).toEqual({ type: 'json_schema', json_schema: { name: 'answer', schema: z.toJSONSchema(schema), strict: true } });
    expect(body['max_tokens']).toBe(256);
    expect(body['temperature']).toBe(0.2);
    expect(body['seed']).toBe(7);
  });

  it('parses the answer and maps usage, finish reason, timing and the served model id', async () => {
    const { baseUrl } = await startServer((_, response) => setTimeout(() => sendJson(response, 200, completion('```json\n{"answer":"4","confidence":0.9}\n```')), 30));
    const result = await new OpenAICompatibleModel('requested', { ...plain, baseUrl }).generateObject(request());
    expect(result.object).toEqual({ answer: '4', confidence: 0.9 });
    expect(result.usage).toEqual({ promptTokens: 31, completionTokens: 12 });
    expect(result.finishReason).toBe('stop');
    expect(result.rawFinishReason).toBe('stop');
    expect(result.modelId).toBe('served-model');
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(25);
    expect(result.rawText).toContain('"answer":"4"');
  });

  it('sends the API key as a bearer token when given', async () => {
    const { baseUrl, received } = await startServer((_, response) => sendJson(response, 200, completion('{"answer":"4","confidence":1}')));
    await new OpenAICompatibleModel('m', { ...plain, baseUrl, apiKey: 'sk-test' }).generateObject(request());
    expect(received[0]?.headers.authorization).toBe('Bearer sk-test');
  });

  it('turns finish_reason length into a truncation error that keeps the raw text', async () => {
    const { baseUrl } = await startServer((_, response) => sendJson(response, 200, completion('{"answer":"fo', 'length')));
    const error = await new OpenAICompatibleModel('m', { ...plain, baseUrl }).generateObject(request()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelOutputError);
    expect((error as ModelOutputError).code).toBe('MODEL_OUTPUT_TRUNCATED');
    expect((error as ModelOutputError).call.rawText).toBe('{"answer":"fo');
    expect((error as ModelOutputError).call.finishReason).toBe('length');
  });

  it('reports a schema mismatch with the raw answer', async () => {
    const { baseUrl } = await startServer((_, response) => sendJson(response, 200, completion('{"answer":4}')));
    const error = await new OpenAICompatibleModel('m', { ...plain, baseUrl }).generateObject(request()).catch((caught: unknown) => caught);
    expect((error as ModelOutputError).code).toBe('MODEL_OUTPUT_SCHEMA_MISMATCH');
    expect((error as ModelOutputError).call.rawText).toBe('{"answer":4}');
  });

  it('falls back json_schema → json_object → schema in the prompt, and remembers the working mode', async () => {
    const { baseUrl, received } = await startServer((entry, response) => {
      const format = entry.body['response_format'] as { type: string } | undefined;
      if (format?.type === 'json_schema') return sendJson(response, 400, '{"error":{"message":"response_format json_schema is not supported"}}');
      if (format?.type === 'json_object') return sendJson(response, 422, '{"error":"unknown field response_format"}');
      sendJson(response, 200, completion('{"answer":"4","confidence":0.5}'));
    });
    const model = new OpenAICompatibleModel('m', { ...plain, baseUrl });
    const first = await model.generateObject(request());
    expect(first.object.answer).toBe('4');
    expect(received.map((entry) => (entry.body['response_format'] as { type: string } | undefined)?.type)).toEqual(['json_schema', 'json_object', undefined]);
    const system = (received[2]?.body['messages'] as { content: string }[])[0]?.content ?? '';
    expect(system).toContain('You are terse.');
    expect(system).toContain('"confidence"');
    expect(model.structuredOutputMode).toBe('prompt');

    await model.generateObject(request());
    expect(received).toHaveLength(4);
    expect(received[3]?.body['response_format']).toBeUndefined();
  });

  it('does not fall back on a 400 that is not about the response format', async () => {
    const { baseUrl, received } = await startServer((_, response) => sendJson(response, 400, '{"error":{"message":"context length exceeded"}}'));
    const error = await new OpenAICompatibleModel('m', { ...plain, baseUrl }).generateObject(request()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelHttpError);
    expect((error as ModelHttpError).status).toBe(400);
    expect(received).toHaveLength(1);
  });

  it('maps a 500 to ModelHttpError with status and body', async () => {
    const { baseUrl } = await startServer((_, response) => sendJson(response, 500, '{"error":{"message":"CUDA out of memory"}}'));
    const error = await new OpenAICompatibleModel('m', { ...plain, baseUrl }).generateObject(request()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelHttpError);
    expect((error as ModelHttpError).status).toBe(500);
    expect((error as ModelHttpError).responseBody).toContain('CUDA out of memory');
    expect((error as ModelHttpError).message).toContain('HTTP 500');
  });

  it('maps a 404 for the model to ModelNotFoundError listing what the server offers', async () => {
    const { baseUrl } = await startServer((entry, response) => {
      if (entry.url === '/v1/models') return sendJson(response, 200, '{"object":"list","data":[{"id":"llama3.2:3b"},{"id":"qwen2.5:7b"}]}');
      sendJson(response, 404, '{"error":{"message":"model \\"nope\\" not found, try pulling it first"}}');
    });
    const error = await new OpenAICompatibleModel('nope', { ...plain, baseUrl, provider: 'ollama' }).generateObject(request()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelNotFoundError);
    expect((error as ModelNotFoundError).availableModels).toEqual(['llama3.2:3b', 'qwen2.5:7b']);
    expect((error as ModelNotFoundError).modelId).toBe('nope');
    expect((error as ModelNotFoundError).provider).toBe('ollama');
  });

  it('times out on a server that never answers', async () => {
    const { baseUrl } = await startServer(() => undefined);
    const started = Date.now();
    const error = await new OpenAICompatibleModel('m', { ...plain, baseUrl, timeoutMs: 300 }).generateObject(request()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelTimeoutError);
    expect((error as ModelTimeoutError).timeoutMs).toBe(300);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reports a closed port as unreachable with a hint naming the URL', async () => {
    const { baseUrl } = await startServer(() => undefined);
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
    const error = await new OpenAICompatibleModel('m', { ...plain, baseUrl, provider: 'ollama', startHint: '`ollama serve`' }).generateObject(request()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelUnreachableError);
    expect((error as ModelUnreachableError).baseUrl).toBe(baseUrl);
    expect((error as ModelUnreachableError).hint).toContain(baseUrl);
    expect((error as ModelUnreachableError).hint).toContain('ollama serve');
  });

  it('reports a non-JSON body as a protocol error carrying the body', async () => {
    const { baseUrl } = await startServer((_, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html>proxy login</html>'));
    const error = await new OpenAICompatibleModel('m', { ...plain, baseUrl }).generateObject(request()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelHttpError);
    expect((error as ModelHttpError).message).toMatch(/protocol error/i);
    expect((error as ModelHttpError).responseBody).toBe('<html>proxy login</html>');
  });

  it('reports a body cut off mid-way as a protocol error, not a crash', async () => {
    const { baseUrl } = await startServer((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      response.write(completion('{"answer":"4"').slice(0, 60));
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const error = await new OpenAICompatibleModel('m', { ...plain, baseUrl }).generateObject(request()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelHttpError);
    expect((error as ModelHttpError).message).toMatch(/protocol error.*broke off/i);
  });

  it('maps the caller aborting to ModelAbortedError', async () => {
    const { baseUrl } = await startServer(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await new OpenAICompatibleModel('m', { ...plain, baseUrl, timeoutMs: 5000 })
      .generateObject(request({ abortSignal: controller.signal }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelAbortedError);
  });
});
