import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createLanguageModel } from './create-language-model.js';
import { ModelSpecError, ReplayError } from './errors.js';
import { LmStudioModel } from './providers/lmstudio/lmstudio-model.js';
import { OllamaChatModel } from './providers/ollama/ollama-chat-model.js';
import { OpenAICompatibleModel } from './providers/openai-compatible/openai-compatible-model.js';
import { RecordingModel } from './providers/replay/recording-model.js';
import { ReplayModel } from './providers/replay/replay-model.js';
import { transcriptHeader, writeTranscript } from './providers/replay/transcript-file.js';

const servers: Server[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A tiny OpenAI-compatible server that answers every chat completion with `content`, recording the URL it was hit on. */
async function chatServer(content: string): Promise<{ baseUrl: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(request.url ?? '');
    request.resume();
    request.on('end', () => {
      if (request.url === '/api/chat') {
        // Ollama's native API: NDJSON, here in one final line.
        response.writeHead(200, { 'content-type': 'application/x-ndjson' }).end(`${JSON.stringify({ model: 'served', message: { role: 'assistant', content }, done: true, done_reason: 'stop' })}\n`);
        return;
      }
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ model: 'served', choices: [{ message: { role: 'assistant', content }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 2 } }));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, hits };
}

const schema = z.object({ n: z.number() });
const request = { system: 's', prompt: 'p', schema, jsonSchema: z.toJSONSchema(schema), schemaName: 'n', maxTokens: 10 };

describe('createLanguageModel', () => {
  it('creates an LM Studio model for lmstudio/…', () => {
    const model = createLanguageModel('lmstudio/qwen2.5-coder-7b-instruct');
    expect(model).toBeInstanceOf(LmStudioModel);
    expect(model.provider).toBe('lmstudio');
    expect(model.modelId).toBe('qwen2.5-coder-7b-instruct');
    expect(model.scripted).toBe(false);
  });

  it('creates a native-API Ollama model for ollama/… (num_ctx needs /api/chat)', () => {
    const model = createLanguageModel('ollama/qwen2.5-coder:7b');
    expect(model).toBeInstanceOf(OllamaChatModel);
    expect(model.provider).toBe('ollama');
    expect(model.modelId).toBe('qwen2.5-coder:7b');
  });

  it.each(['llamacpp', 'vllm', 'lmstudio-openai'])('creates an OpenAI-compatible model for %s/… with the provider name', (provider) => {
    const model = createLanguageModel(`${provider}/org/model:tag`);
    expect(model).toBeInstanceOf(OpenAICompatibleModel);
    expect(model.provider).toBe(provider);
    expect(model.modelId).toBe('org/model:tag');
  });

  it('sends ollama/… to OLLAMA_BASE_URL when set', async () => {
    const { baseUrl, hits } = await chatServer('{"n":3}');
    vi.stubEnv('OLLAMA_BASE_URL', baseUrl);
    const result = await createLanguageModel('ollama/qwen2.5-coder:7b').generateObject(request);
    expect(result.object).toEqual({ n: 3 });
    expect(hits).toEqual(['/api/chat']);
  });

  it('requires a base URL for openai-compatible/…, from the option or OPENAI_COMPATIBLE_BASE_URL', async () => {
    vi.stubEnv('OPENAI_COMPATIBLE_BASE_URL', '');
    expect(() => createLanguageModel('openai-compatible/Qwen/Qwen2.5-7B')).toThrow(ModelSpecError);
    expect(() => createLanguageModel('openai-compatible/Qwen/Qwen2.5-7B')).toThrow(/base URL/);
    const { baseUrl } = await chatServer('{"n":1}');
    expect((await createLanguageModel('openai-compatible/Qwen/Qwen2.5-7B', { baseUrl }).generateObject(request)).object).toEqual({ n: 1 });
    vi.stubEnv('OPENAI_COMPATIBLE_BASE_URL', baseUrl);
    expect((await createLanguageModel('openai-compatible/Qwen/Qwen2.5-7B').generateObject(request)).modelId).toBe('served');
  });

  it('resolves replay/<name> through the resolver and replay/<path> as a file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ndli-create-')), 'demo.jsonl');
    writeTranscript(path, {
      header: transcriptHeader({ scripted: true, description: 'demo', provider: 'scripted', modelId: 'demo' }),
      calls: [{ type: 'call', index: 0, request: { schemaName: 'n', system: 's', prompt: 'p', maxTokens: 10 }, response: { rawText: '{"n":7}', usage: {}, timings: { totalMs: 0 }, finishReason: 'stop', modelId: 'demo' } }],
    });
    const named = createLanguageModel('replay/demo', { replayResolver: (name) => (name === 'demo' ? path : undefined) });
    expect(named).toBeInstanceOf(ReplayModel);
    expect(named.scripted).toBe(true);
    expect((await named.generateObject(request)).object).toEqual({ n: 7 });
    expect((await createLanguageModel(`replay/${path}`).generateObject(request)).object).toEqual({ n: 7 });
    expect(() => createLanguageModel('replay/no-such-name')).toThrow(ReplayError);
  });

  it('wraps the model in a recorder when `record` is given', async () => {
    const { baseUrl } = await chatServer('{"n":5}');
    const record = join(mkdtempSync(join(tmpdir(), 'ndli-create-')), 'run.jsonl');
    const model = createLanguageModel('vllm/m', { baseUrl, record });
    expect(model).toBeInstanceOf(RecordingModel);
    expect(model.provider).toBe('vllm');
    await model.generateObject(request);
    const replay = createLanguageModel(`replay/${record}`);
    expect(replay.scripted).toBe(false);
    expect((await replay.generateObject(request)).object).toEqual({ n: 5 });
  });

  it('rejects unknown providers with the valid forms', () => {
    expect(() => createLanguageModel('openai/gpt-4o')).toThrow(/Unknown model provider/);
  });
});
