import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ModelHttpError, ModelOutputError} from '../../errors.js';
import { ModelNotFoundError, ModelUnreachableError } from '../../errors.js';
import type { GenerateObjectRequest, GenerationProgress } from '../../language-model.js';
import { OllamaChatModel } from './ollama-chat-model.js';
import { OLLAMA_CONTEXT_STEP, ollamaApiRoot, ollamaContextSize } from './ollama-context.js';

// A local HTTP server speaking Ollama's native /api/chat (NDJSON streaming); its answers are SCRIPTED.
const schema = z.object({ answer: z.string() });
type Answer = z.infer<typeof schema>;

function request(overrides: Partial<GenerateObjectRequest<Answer>> = {}): GenerateObjectRequest<Answer> {
  return { system: 'terse', prompt: '2+2?', schema, jsonSchema: z.toJSONSchema(schema), schemaName: 'answer', maxTokens: 1000, temperature: 0.1, seed: 3, ...overrides };
}

type Step = (response: ServerResponse) => void;
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); })));
});

async function ollama(steps: Step[]): Promise<{ baseUrl: string; bodies: Record<string, unknown>[]; urls: string[] }> {
  const bodies: Record<string, unknown>[] = [];
  const urls: string[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      urls.push(incoming.url ?? '');
      if (incoming.url === '/v1/models') return void response.writeHead(200).end('{"data":[{"id":"qwen3:8b"}]}');
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      const step = steps.shift();
      if (step === undefined) return void response.writeHead(500).end('{"error":"no more scripted answers"}');
      step(response);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, bodies, urls };
}

function line(value: Record<string, unknown>): string {
  return `${JSON.stringify(value)}\n`;
}

/** A streamed answer: thinking pieces, content pieces, then the final line with counts. */
function streamed(content: string, options: { thinking?: string; doneReason?: string } = {}): Step {
  return (response) => {
    response.writeHead(200, { 'content-type': 'application/x-ndjson' });
    for (const piece of (options.thinking ?? '').match(/.{1,5}/gs) ?? []) response.write(line({ model: 'qwen3:8b', message: { role: 'assistant', content: '', thinking: piece }, done: false }));
    for (const piece of content.match(/.{1,5}/gs) ?? []) response.write(line({ model: 'qwen3:8b', message: { role: 'assistant', content: piece }, done: false }));
    response.end(line({ model: 'qwen3:8b', message: { role: 'assistant', content: '' }, done: true, done_reason: options.doneReason ?? 'stop', prompt_eval_count: 40, eval_count: 12, eval_duration: 500_000_000 }));
  };
}

function model(baseUrl: string): OllamaChatModel {
  return new OllamaChatModel('qwen3:8b', { baseUrl, retryBaseDelayMs: 1 });
}

describe('ollamaContextSize / ollamaApiRoot', () => {
  it('sizes num_ctx to the prompt plus the answer, rounded up to a step', () => {
    expect(ollamaContextSize({ system: '', prompt: '', maxTokens: 100 })).toBe(OLLAMA_CONTEXT_STEP);
    const large = ollamaContextSize({ system: 'x'.repeat(30_000), prompt: 'y'.repeat(30_000), maxTokens: 8000 });
    expect(large).toBeGreaterThanOrEqual(20_000 + 8000);
    expect(large % OLLAMA_CONTEXT_STEP).toBe(0);
  });

  it('finds the API root behind the preset /v1 URL', () => {
    expect(ollamaApiRoot('http://127.0.0.1:11434/v1')).toBe('http://127.0.0.1:11434');
    expect(ollamaApiRoot('http://host:1/v1/')).toBe('http://host:1');
    expect(ollamaApiRoot('http://host:1')).toBe('http://host:1');
  });
});

describe('OllamaChatModel', () => {
  it('calls /api/chat streaming, with the schema in format and num_ctx sized for prompt + answer', async () => {
    const server = await ollama([streamed('{"answer":"4"}')]);
    const progress: GenerationProgress[] = [];
    const result = await model(server.baseUrl).generateObject(request({ prompt: 'p'.repeat(9000), onProgress: (update) => progress.push(update) }));
    expect(server.urls).toEqual(['/api/chat']);
    const body = server.bodies[0] ?? {};
    expect(body).toMatchObject({ model: 'qwen3:8b', stream: true, format: z.toJSONSchema(schema), options: { num_predict: 1000, temperature: 0.1, seed: 3 } });
    expect(body['think']).toBeUndefined();
    expect((body['options'] as { num_ctx: number }).num_ctx).toBeGreaterThanOrEqual(3000 + 1000);
    expect(result.object).toEqual({ answer: '4' });
    expect(result.usage).toEqual({ promptTokens: 40, completionTokens: 12 });
    expect(result.timings.tokensPerSecond).toBe(24);
    expect(progress.length).toBeGreaterThanOrEqual(1);
  });

  it('keeps message.thinking as reasoning, and uses JSON found only there', async () => {
    const server = await ollama([streamed('{"answer":"4"}', { thinking: 'hmm {"x": 1}' }), streamed('', { thinking: 'so: {"answer":"5"}' })]);
    const instance = model(server.baseUrl);
    expect((await instance.generateObject(request())).reasoning).toBe('hmm {"x": 1}');
    const second = await instance.generateObject(request());
    expect(second.object).toEqual({ answer: '5' });
    expect(second.warnings).toHaveLength(1);
  });

  it('reports done_reason length as truncated', async () => {
    const server = await ollama([streamed('{"answer":"4', { doneReason: 'length' })]);
    const error: unknown = await model(server.baseUrl).generateObject(request()).catch((caught: unknown) => caught);
    expect((error as ModelOutputError).code).toBe('MODEL_OUTPUT_TRUNCATED');
  });

  it('retries a 503, a cut stream and an error line, and records them', async () => {
    const server = await ollama([
      (response) => response.writeHead(503, { 'retry-after': '0' }).end('{"error":"server busy"}'),
      (response) => {
        response.writeHead(200, { 'content-type': 'application/x-ndjson' });
        response.end(line({ message: { content: '{"ans' }, done: false }));
      },
      (response) => response.writeHead(200).end(line({ error: 'model runner has unexpectedly stopped' })),
      streamed('{"answer":"4"}'),
    ]);
    const result = await model(server.baseUrl).generateObject(request());
    expect(result.object).toEqual({ answer: '4' });
    expect(result.serverAttempts?.map((attempt) => attempt.status ?? attempt.message.slice(0, 40))).toEqual([
      503,
      expect.stringMatching(/Protocol error/),
      expect.stringMatching(/Protocol error/),
    ]);
  });

  it('maps a missing model to ModelNotFoundError naming what is there', async () => {
    const server = await ollama([(response) => response.writeHead(404).end('{"error":"model \\"qwen3:8b\\" not found, try pulling it first"}')]);
    const error: unknown = await model(server.baseUrl).generateObject(request()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelNotFoundError);
    expect((error as ModelNotFoundError).availableModels).toEqual(['qwen3:8b']);
  });

  it('falls back to format "json" with the schema in the prompt when the server rejects a schema format, once', async () => {
    const server = await ollama([(response) => response.writeHead(400).end('{"error":"invalid format: expected \\"json\\""}'), streamed('{"answer":"4"}'), streamed('{"answer":"4"}')]);
    const instance = model(server.baseUrl);
    await instance.generateObject(request());
    await instance.generateObject(request());
    expect(server.bodies.map((body) => (typeof body['format'] === 'string' ? body['format'] : 'schema'))).toEqual(['schema', 'json', 'json']);
    expect(JSON.stringify(server.bodies[1]?.['messages'])).toContain('JSON Schema');
  });

  it('does not retry other 4xx', async () => {
    const server = await ollama([(response) => response.writeHead(400).end('{"error":"bad request"}'), streamed('{"answer":"4"}')]);
    const error: unknown = await model(server.baseUrl).generateObject(request()).catch((caught: unknown) => caught);
    expect((error as ModelHttpError).status).toBe(400);
    expect(server.bodies).toHaveLength(1);
  });

  it('fails fast when no server is there', async () => {
    const server = await ollama([]);
    await Promise.all(servers.splice(0).map((running) => new Promise((resolve) => running.close(resolve))));
    const error: unknown = await model(server.baseUrl).generateObject(request()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelUnreachableError);
    expect((error as ModelUnreachableError).hint).toMatch(/ollama serve/);
  });
});
