import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ModelAbortedError, ModelHttpError, ModelOutputError, ModelTimeoutError, ModelUnreachableError } from '../../errors.js';
import type { GenerateObjectRequest, GenerationProgress } from '../../language-model.js';
import { OpenAICompatibleModel, type OpenAICompatibleModelOptions } from './openai-compatible-model.js';
import { startChatCompletionServer, type ChatCompletionServer, type ChatCompletionServerOptions } from '../../testing/chat-completion-server.js';

// Every answer here is SCRIPTED by the test server; the faults are the ones real servers produce.
const schema = z.object({ answer: z.string() });
type Answer = z.infer<typeof schema>;
const GOOD = { content: '{"answer":"4"}' };
const FENCE = '```';

function request(overrides: Partial<GenerateObjectRequest<Answer>> = {}): GenerateObjectRequest<Answer> {
  return { system: 'terse', prompt: '2+2?', schema, jsonSchema: z.toJSONSchema(schema), schemaName: 'answer', maxTokens: 256, ...overrides };
}

const servers: ChatCompletionServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(options: ChatCompletionServerOptions): Promise<ChatCompletionServer> {
  const server = await startChatCompletionServer(options);
  servers.push(server);
  return server;
}

/** Retries without real waiting: the backoff step is 1 ms. */
function model(server: ChatCompletionServer, options: Partial<OpenAICompatibleModelOptions> = {}): OpenAICompatibleModel {
  return new OpenAICompatibleModel('scripted-model', { baseUrl: server.baseUrl, retryBaseDelayMs: 1, ...options });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('OpenAICompatibleModel streaming', () => {
  it('streams: asks for SSE with usage, counts tokens, times the first token, reports progress', async () => {
    const server = await serve({ steps: [{ content: '{"answer":"four, spelled out at length"}', reasoningContent: 'Let me think {about it}.', chunkSize: 2 }] });
    const progress: GenerationProgress[] = [];
    const result = await model(server).generateObject(request({ onProgress: (update) => progress.push(update) }));
    expect(server.received[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(result.object).toEqual({ answer: 'four, spelled out at length' });
    expect(result.reasoning).toBe('Let me think {about it}.');
    expect(result.usage.completionTokens).toBeGreaterThan(10);
    expect(result.timings.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress[0]?.completionTokens).toBe(1);
  });

  it('falls back to plain requests once when the server rejects streaming, and remembers it', async () => {
    const server = await serve({ streaming: 'reject', answer: () => GOOD });
    const instance = model(server);
    expect((await instance.generateObject(request())).object).toEqual({ answer: '4' });
    expect(instance.streaming).toBe(false);
    await instance.generateObject(request());
    expect(server.received.map((entry) => entry.body['stream'] === true)).toEqual([true, false, false]);
  });

  it('uses the plain JSON answer of a server that ignores stream:true (no second generation), then asks plainly', async () => {
    const server = await serve({ streaming: 'ignore', answer: () => GOOD });
    const instance = model(server);
    expect((await instance.generateObject(request())).object).toEqual({ answer: '4' });
    expect(server.received).toHaveLength(1);
    expect(instance.streaming).toBe(false);
    await instance.generateObject(request());
    expect(server.received.map((entry) => entry.body['stream'] === true)).toEqual([true, false]);
  });

  it('checks finish_reason length before parsing a streamed answer', async () => {
    const server = await serve({ steps: [{ content: '{"answer":"4"}', finishReason: 'length' }] });
    const error = await failure(model(server).generateObject(request()));
    expect((error as ModelOutputError).code).toBe('MODEL_OUTPUT_TRUNCATED');
  });
});

describe('OpenAICompatibleModel transient faults', () => {
  it('retries 500, 503, 429 + Retry-After, a reset mid-body, a dropped socket, an HTML page and a cut stream; records each', async () => {
    const server = await serve({
      steps: [
        { fault: 'status', status: 500 },
        { fault: 'status', status: 503, body: '<html><body>Service Unavailable</body></html>' },
        { fault: 'status', status: 429, headers: { 'retry-after': '0' } },
        { fault: 'reset-mid-body' },
        { fault: 'drop' },
        { fault: 'html-page' },
        { fault: 'sse-cut' },
        GOOD,
      ],
    });
    const result = await model(server, { maxRetries: 7 }).generateObject(request());
    expect(result.object).toEqual({ answer: '4' });
    expect(result.serverAttempts?.map((attempt) => [attempt.attempt, attempt.code, attempt.status])).toEqual([
      [1, 'MODEL_HTTP_ERROR', 500],
      [2, 'MODEL_HTTP_ERROR', 503],
      [3, 'MODEL_HTTP_ERROR', 429],
      [4, 'MODEL_HTTP_ERROR', undefined],
      [5, 'MODEL_HTTP_ERROR', undefined],
      [6, 'MODEL_HTTP_ERROR', undefined],
      [7, 'MODEL_HTTP_ERROR', undefined],
    ]);
    expect(result.serverAttempts?.[2]?.delayMs).toBe(0);
    expect(result.serverAttempts?.[6]?.message).toMatch(/without a finish reason/);
  });

  it('gives up after the default 3 retries with the last error and every attempt on it', async () => {
    const server = await serve({ steps: [0, 1, 2, 3, 4].map(() => ({ fault: 'status' as const, status: 502 })) });
    const error = await failure(model(server).generateObject(request()));
    expect(error).toBeInstanceOf(ModelHttpError);
    expect((error as ModelHttpError).serverAttempts).toHaveLength(3);
    expect(server.received).toHaveLength(4);
  });

  it('does not retry a 400 that is not about streaming or the response format', async () => {
    const server = await serve({ steps: [{ fault: 'status', status: 400, body: '{"error":{"message":"context length exceeded"}}' }, GOOD] });
    const error = await failure(model(server).generateObject(request()));
    expect((error as ModelHttpError).status).toBe(400);
    expect(server.received).toHaveLength(1);
  });

  it('keeps output errors apart: a bad answer after a retried 500 is the model\'s error, with the attempt on it', async () => {
    const server = await serve({ steps: [{ fault: 'status', status: 500 }, { content: 'I cannot answer that.' }] });
    const error = await failure(model(server).generateObject(request()));
    expect(error).toBeInstanceOf(ModelOutputError);
    expect((error as ModelOutputError).code).toBe('MODEL_OUTPUT_INVALID_JSON');
    expect((error as ModelOutputError).call.rawText).toBe('I cannot answer that.');
    expect((error as ModelOutputError).call.serverAttempts).toHaveLength(1);
    expect((error as ModelOutputError).serverAttempts).toHaveLength(1);
  });

  it('fails fast on a server that is not there at the first call', async () => {
    const server = await serve({});
    const { baseUrl } = server;
    await server.close();
    servers.splice(0);
    const error = await failure(new OpenAICompatibleModel('m', { baseUrl }).generateObject(request()));
    expect(error).toBeInstanceOf(ModelUnreachableError);
    expect((error as ModelUnreachableError).serverAttempts).toEqual([]);
  });

  it('gives up on a stream that stalls longer than the idle timeout, without retrying it', async () => {
    const server = await serve({ steps: [{ fault: 'stall' }, GOOD] });
    const error = await failure(model(server, { idleTimeoutMs: 200 }).generateObject(request()));
    expect(error).toBeInstanceOf(ModelTimeoutError);
    expect((error as ModelTimeoutError).kind).toBe('idle');
    expect((error as ModelTimeoutError).message).toMatch(/sent no token for 200 ms/);
    expect(server.received).toHaveLength(1);
  });

  it('stops retrying when the caller aborts during a wait', async () => {
    const server = await serve({ steps: [{ fault: 'status', status: 503, headers: { 'retry-after': '60' } }, GOOD] });
    const controller = new AbortController();
    const pending = failure(model(server, { maxRetryWaitMs: 120_000 }).generateObject(request({ abortSignal: controller.signal })));
    // Abort once the 503 has been answered (the 60 s wait has begun), not after a fixed delay a loaded machine may miss.
    while (server.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(ModelAbortedError);
    expect((error as ModelAbortedError).serverAttempts[0]).toMatchObject({ status: 503, delayMs: 60_000 });
  });

  it('does not wait a Retry-After longer than the retry budget', async () => {
    const server = await serve({ steps: [{ fault: 'status', status: 429, headers: { 'retry-after': '120' } }, GOOD] });
    const error = await failure(model(server).generateObject(request()));
    expect((error as ModelHttpError).status).toBe(429);
    expect((error as ModelHttpError).retryAfterMs).toBe(120_000);
    expect(server.received).toHaveLength(1);
  });
});

describe('OpenAICompatibleModel answers of reasoning models', () => {
  it('separates a <think> block full of braces before parsing', async () => {
    const server = await serve({ steps: [{ content: '<think>The schema is {"answer": string}; maybe {"answer":"5"}? No.</think>\n{"answer":"4"}' }] });
    const result = await model(server).generateObject(request());
    expect(result.object).toEqual({ answer: '4' });
    expect(result.reasoning).toMatch(/^The schema is/);
    expect(result.usage.reasoningTokensEstimated).toBe(true);
  });

  it('uses JSON that arrived only in reasoning_content, and says so', async () => {
    const server = await serve({ steps: [{ content: '', reasoningContent: 'Thinking... {"answer":"4"}' }] });
    const result = await model(server).generateObject(request());
    expect(result.object).toEqual({ answer: '4' });
    expect(result.warnings?.[0]).toMatch(/taken from the model's reasoning/);
  });

  it('accepts raw JSON whose strings contain fences and braces', async () => {
    const answer = `code:\n${FENCE}js\nif (a) { b("}"); }\n${FENCE}\n</script>`;
    const server = await serve({ steps: [{ content: JSON.stringify({ answer }) }] });
    expect((await model(server).generateObject(request())).object).toEqual({ answer });
  });

  it('reports a thinking-only answer cut by the token limit as truncated, keeping the reasoning', async () => {
    const server = await serve({ steps: [{ content: '<think>Step 1: { "a":', finishReason: 'length' }] });
    const error = await failure(model(server).generateObject(request()));
    expect((error as ModelOutputError).code).toBe('MODEL_OUTPUT_TRUNCATED');
    expect((error as ModelOutputError).call.reasoning).toBe('Step 1: { "a":');
  });

  it('names every bad answer: garbage, empty, fenced wrong shape', async () => {
    const server = await serve({ steps: [{ content: '%%%garbage' }, { content: '' }, { content: `${FENCE}json\n{"answer": 4}\n${FENCE}` }] });
    const instance = model(server);
    const codes: string[] = [];
    for (let index = 0; index < 3; index += 1) codes.push(((await failure(instance.generateObject(request()))) as ModelOutputError).code);
    expect(codes).toEqual(['MODEL_OUTPUT_INVALID_JSON', 'MODEL_OUTPUT_INVALID_JSON', 'MODEL_OUTPUT_SCHEMA_MISMATCH']);
  });
});
