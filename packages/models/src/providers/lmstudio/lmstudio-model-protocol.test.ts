import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ModelAbortedError, ModelHttpError, ModelNotFoundError, ModelOutputError, ModelTimeoutError } from '../../errors.js';
import type { GenerateObjectRequest, GenerationProgress } from '../../language-model.js';
import { ModelContextExceededError } from '../../context-exceeded.js';
import { listModels } from '../../list-models.js';
import { LmStudioModel, type LmStudioModelOptions } from './lmstudio-model.js';
import { startLmStudioProtocolServer, type LmStudioProtocolServer, type ScriptedLmStudio } from '../../testing/lmstudio-server/index.js';

// Every answer below is SCRIPTED: a test server speaking the SDK's WebSocket protocol, no model.
const schema = z.object({ ok: z.boolean(), note: z.string().optional() });
const request: GenerateObjectRequest<z.infer<typeof schema>> = {
  system: 'You answer with JSON only.',
  prompt: 'Is it ok?',
  schema,
  jsonSchema: z.toJSONSchema(schema),
  schemaName: 'ok',
  maxTokens: 64,
  temperature: 0.2,
};

let server: LmStudioProtocolServer | undefined;
afterEach(async () => {
  // The SDK reports frames it rejects back to the server: a faithful protocol server gets none.
  expect(server?.warnings ?? []).toEqual([]);
  await server?.close();
  server = undefined;
});

async function start(script: ScriptedLmStudio): Promise<LmStudioProtocolServer> {
  server = await startLmStudioProtocolServer(script);
  return server;
}

/** Retries wait 1 s (random 0 → the base backoff) so fault tests stay short. */
function model(lmstudio: LmStudioProtocolServer, options: LmStudioModelOptions = {}, modelId = 'scripted-model'): LmStudioModel {
  return new LmStudioModel(modelId, { baseUrl: lmstudio.baseUrl, random: () => 0, ...options });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('the call should have failed'),
    (error: unknown) => error,
  );
}

describe('LmStudioModel against the SCRIPTED LM Studio protocol server', () => {
  it('predicts: sends the chat, maxTokens, temperature and the JSON schema as structured output; maps the answer and stats', async () => {
    const lmstudio = await start({ predictions: [{ fragments: ['{"ok":', ' true}'] }] });
    const result = await model(lmstudio).generateObject(request);

    expect(result.object).toEqual({ ok: true });
    expect(result).toMatchObject({ rawText: '{"ok": true}', finishReason: 'stop', rawFinishReason: 'eosFound', modelId: 'scripted-model' });
    expect(result.usage.completionTokens).toBe(2);
    expect(result.usage.promptTokens).toBeGreaterThan(0);
    expect(result.serverAttempts).toBeUndefined();
    const [received] = lmstudio.predictions;
    expect(received?.messages).toEqual([
      { role: 'system', text: request.system },
      { role: 'user', text: request.prompt },
    ]);
    expect(received).toMatchObject({ modelKey: 'scripted-model', maxTokens: 64, temperature: 0.2, cancelled: false });
    expect(received?.structured).toEqual({ type: 'json', jsonSchema: request.jsonSchema });
    expect(lmstudio.calls).toEqual(['system.version', 'llm.getOrLoad scripted-model', 'llm.getLoadConfig', 'llm.applyPromptTemplate', 'llm.countTokens', 'llm.predict']);
  });

  it('streams: calls onProgress from the fragments with growing token counts, and records time to first token and tokens/s', async () => {
    const fragments = ['{"ok":', ' true', ',', ' "note": "streamed"', '}'];
    const lmstudio = await start({ predictions: [{ fragments, fragmentDelayMs: 20 }] });
    const progress: GenerationProgress[] = [];
    const result = await model(lmstudio, { progressIntervalMs: 0 }).generateObject({ ...request, onProgress: (update) => progress.push(update) });

    expect(result.object).toEqual({ ok: true, note: 'streamed' });
    expect(progress.map((update) => update.completionTokens)).toEqual([1, 2, 3, 4, 5]);
    expect(progress.at(-1)?.tokensPerSecond).toBeGreaterThan(0);
    expect(progress.every((update) => update.timeToFirstTokenMs !== undefined && update.elapsedMs >= update.timeToFirstTokenMs)).toBe(true);
    expect(result.timings.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.tokensPerSecond).toBeGreaterThan(0);
  });

  it('throttles onProgress: one report at the first fragment and one with the final figures', async () => {
    const lmstudio = await start({ predictions: [{ fragments: ['{', '"ok"', ':', 'true', '}'] }] });
    const progress: GenerationProgress[] = [];
    await model(lmstudio, { progressIntervalMs: 60_000 }).generateObject({ ...request, onProgress: (update) => progress.push(update) });
    expect(progress.map((update) => update.completionTokens)).toEqual([1, 5]);
  });

  it("keeps LM Studio's separated reasoning in `reasoning`, apart from the JSON answer, and counts its tokens", async () => {
    const lmstudio = await start({
      predictions: [
        {
          fragments: [
            { content: '<think>', reasoning: 'reasoningStartTag' },
            { content: 'Maybe {"ok": false}? No: the user wants ', reasoning: 'reasoning', tokens: 12 },
            { content: 'a yes.', reasoning: 'reasoning', tokens: 3 },
            { content: '</think>', reasoning: 'reasoningEndTag' },
            '{"ok": true}',
          ],
        },
      ],
    });
    const progress: GenerationProgress[] = [];
    const result = await model(lmstudio, { progressIntervalMs: 0 }).generateObject({ ...request, onProgress: (update) => progress.push(update) });

    expect(result.object).toEqual({ ok: true });
    expect(result.rawText).toBe('{"ok": true}');
    expect(result.reasoning).toBe('Maybe {"ok": false}? No: the user wants a yes.');
    expect(result.usage.reasoningTokens).toBe(17);
    expect(progress.at(-1)).toMatchObject({ completionTokens: 18, reasoningTokens: 17 });
  });

  it('uses JSON that only came as reasoning (an empty answer, a known LM Studio behaviour) and says so in the record', async () => {
    const lmstudio = await start({
      predictions: [
        {
          fragments: [
            { content: '<think>', reasoning: 'reasoningStartTag' },
            { content: '{"ok": true, "note": "in the reasoning"}', reasoning: 'reasoning', tokens: 10 },
            { content: '</think>', reasoning: 'reasoningEndTag' },
          ],
        },
      ],
    });
    const result = await model(lmstudio).generateObject(request);
    expect(result.object).toEqual({ ok: true, note: 'in the reasoning' });
    expect(result.rawText).toBe('');
    expect(result.reasoning).toBe('{"ok": true, "note": "in the reasoning"}');
    expect(result.warnings?.join(' ')).toMatch(/taken from the model's reasoning/);
  });

  it('separates an inline <think> block when LM Studio does not parse reasoning (every fragment plain text)', async () => {
    const lmstudio = await start({ predictions: [{ fragments: ['<think>{braces} and "quotes"', '</think>\n', '{"ok": false}'] }] });
    const result = await model(lmstudio).generateObject(request);
    expect(result.object).toEqual({ ok: false });
    expect(result.reasoning).toBe('{braces} and "quotes"');
  });

  it('reports a prediction cut by maxTokens as truncated, keeping the raw text', async () => {
    const lmstudio = await start({ predictions: [{ fragments: ['{"ok":'], end: { kind: 'success', stopReason: 'maxPredictedTokensReached' } }] });
    const error = await failure(model(lmstudio).generateObject(request));
    expect(error).toBeInstanceOf(ModelOutputError);
    expect(error).toMatchObject({ code: 'MODEL_OUTPUT_TRUNCATED', call: { rawText: '{"ok":' } });
  });
});

describe('LmStudioModel: model lookup and load (SCRIPTED server)', () => {
  it('lists the downloaded models and which are loaded (`ndli models`)', async () => {
    const lmstudio = await start({ models: [{ modelKey: 'warm' }, { modelKey: 'cold', loaded: false }], predictions: [] });
    const models = await listModels('lmstudio', { baseUrl: lmstudio.baseUrl });
    expect(models).toEqual([
      { id: 'warm', loaded: true, displayName: 'warm (scripted)' },
      { id: 'cold', loaded: false, displayName: 'cold (scripted)' },
    ]);
  });

  it('loads a model that is downloaded but not loaded, then predicts', async () => {
    const lmstudio = await start({ models: [{ modelKey: 'cold-model', loaded: false }], predictions: [{ fragments: ['{"ok":true}'] }] });
    const result = await model(lmstudio, {}, 'cold-model').generateObject(request);
    expect(result.object).toEqual({ ok: true });
    expect(lmstudio.predictions[0]?.modelKey).toBe('cold-model');
  });

  it('reports an unknown model key as ModelNotFoundError with the downloaded models, without retrying', async () => {
    const lmstudio = await start({ models: [{ modelKey: 'qwen2.5-coder-7b-instruct' }, { modelKey: 'llama-3.2-3b' }], predictions: [] });
    const error = await failure(model(lmstudio, {}, 'no-such-model').generateObject(request));
    expect(error).toBeInstanceOf(ModelNotFoundError);
    expect((error as ModelNotFoundError).availableModels).toEqual(['qwen2.5-coder-7b-instruct', 'llama-3.2-3b']);
    expect((error as ModelNotFoundError).hint).toContain('qwen2.5-coder-7b-instruct');
    expect(lmstudio.calls.filter((call) => call.startsWith('llm.getOrLoad'))).toHaveLength(1);
  });

  it('reports a failed load (e.g. out of memory) as a server error with LM Studio\'s message, after its retries', async () => {
    const lmstudio = await start({
      models: [{ modelKey: 'huge-model', loaded: false, loadError: { title: 'Failed to load model: insufficient system resources' } }],
      predictions: [],
    });
    const error = await failure(model(lmstudio, { maxRetries: 1 }, 'huge-model').generateObject(request));
    expect(error).toBeInstanceOf(ModelHttpError);
    expect((error as ModelHttpError).message).toContain('insufficient system resources');
    expect((error as ModelHttpError).serverAttempts).toHaveLength(1);
    expect(lmstudio.predictions).toHaveLength(0);
  });
});

describe('LmStudioModel: context window (SCRIPTED server)', () => {
  it('fails a call whose prompt tokens + maxTokens exceed the loaded context, before predicting, saying what to change', async () => {
    // The scripted tokenizer counts one token per character: the chat below is far above 200 tokens.
    const lmstudio = await start({ models: [{ modelKey: 'small-context', contextLength: 200 }], countTokens: (text) => text.length, predictions: [] });
    const error = await failure(model(lmstudio, {}, 'small-context').generateObject({ ...request, prompt: 'x'.repeat(300) }));

    expect(error).toBeInstanceOf(ModelContextExceededError);
    const exceeded = error as ModelContextExceededError;
    expect(exceeded.code).toBe('MODEL_CONTEXT_EXCEEDED');
    expect(exceeded.contextLength).toBe(200);
    expect(exceeded.maxTokens).toBe(64);
    expect(exceeded.promptTokens).toBeGreaterThan(300);
    expect(exceeded.message).toContain(`${exceeded.promptTokens} tokens`);
    expect(exceeded.hint).toMatch(/context of at least \d+ tokens/);
    expect(exceeded.hint).toContain('lower maxTokens');
    expect(lmstudio.predictions).toHaveLength(0);
  });

  it('lets a call through that fits exactly', async () => {
    const countTokens = (text: string): number => text.length;
    const lmstudio = await start({ models: [{ modelKey: 'fits' }], countTokens, predictions: [{ fragments: ['{"ok":true}'] }] });
    const probe = await model(lmstudio, {}, 'fits').generateObject(request);
    const promptTokens = probe.usage.promptTokens ?? 0;
    await lmstudio.close();
    const exact = await start({ models: [{ modelKey: 'fits', contextLength: promptTokens + request.maxTokens }], countTokens, predictions: [{ fragments: ['{"ok":true}'] }] });
    await expect(model(exact, {}, 'fits').generateObject(request)).resolves.toMatchObject({ object: { ok: true } });
  });

  it('still predicts when LM Studio cannot tell the context length, and says the window was not checked', async () => {
    const lmstudio = await start({ failingRpcs: ['llm.getLoadConfig'], predictions: [{ fragments: ['{"ok":true}'] }] });
    const result = await model(lmstudio).generateObject(request);
    expect(result.object).toEqual({ ok: true });
    expect(result.warnings).toEqual([expect.stringContaining('context window was not checked')]);
  });
});

describe('LmStudioModel: faults and cancellation (SCRIPTED server)', () => {
  it('retries a connection cut mid-prediction and records the failed attempt', async () => {
    const lmstudio = await start({
      predictions: [{ fragments: ['{"ok":', ' tr'], end: { kind: 'drop-connection' } }, { fragments: ['{"ok": true}'] }],
    });
    const result = await model(lmstudio).generateObject(request);

    expect(result.object).toEqual({ ok: true });
    expect(result.serverAttempts).toHaveLength(1);
    expect(result.serverAttempts?.[0]).toMatchObject({ attempt: 1, code: 'MODEL_HTTP_ERROR', delayMs: 1000 });
    expect(result.serverAttempts?.[0]?.message).toMatch(/WebSocket/i);
    expect(lmstudio.calls).toContain('connection dropped');
    expect(lmstudio.predictions).toHaveLength(2);
  });

  it('does not count the wait before a retry as server silence (a backoff longer than the idle timeout)', async () => {
    const lmstudio = await start({ predictions: [{ fragments: ['{'], end: { kind: 'drop-connection' } }, { fragments: ['{"ok": true}'] }] });
    // The backoff before the retry is 1 s: longer than this idle timeout.
    const result = await model(lmstudio, { idleTimeoutMs: 900 }).generateObject(request);
    expect(result.object).toEqual({ ok: true });
    expect(result.serverAttempts?.[0]?.delayMs).toBe(1000);
  });

  it('gives up after the configured retries with a named error that carries every failed attempt', async () => {
    const drop = { fragments: ['{'], end: { kind: 'drop-connection' as const } };
    const lmstudio = await start({ predictions: [drop, drop] });
    const error = await failure(model(lmstudio, { maxRetries: 1 }).generateObject(request));
    expect(error).toBeInstanceOf(ModelHttpError);
    expect((error as ModelHttpError).serverAttempts).toHaveLength(1);
    expect(lmstudio.predictions).toHaveLength(2);
  });

  it('reports a server error during the prediction with its message, and retries it like an HTTP 500', async () => {
    const crash = { fragments: ['{"ok"'], end: { kind: 'error' as const, error: { title: 'The model has crashed without additional information', cause: 'exit code 134' } } };
    const lmstudio = await start({ predictions: [crash, { fragments: ['{"ok":false}'] }] });
    const result = await model(lmstudio).generateObject(request);
    expect(result.object).toEqual({ ok: false });
    expect(result.serverAttempts?.[0]?.message).toContain('The model has crashed');

    const alwaysCrashing = await startLmStudioProtocolServer({ predictions: [crash] });
    try {
      const error = await failure(model(alwaysCrashing, { maxRetries: 0 }).generateObject(request));
      expect(error).toBeInstanceOf(ModelHttpError);
      expect((error as ModelHttpError).message).toContain('The model has crashed');
      expect((error as ModelHttpError).message).not.toMatch(/\n\s+at /);
    } finally {
      await alwaysCrashing.close();
    }
  });

  it('aborts a prediction in flight: ModelAbortedError at once, and LM Studio receives the cancel', async () => {
    const lmstudio = await start({ predictions: [{ fragments: ['{"ok":'], end: { kind: 'stall' } }] });
    const controller = new AbortController();
    const call = model(lmstudio).generateObject({ ...request, abortSignal: controller.signal, onProgress: () => controller.abort() });

    const error = await failure(call);
    expect(error).toBeInstanceOf(ModelAbortedError);
    await vi.waitFor(() => expect(lmstudio.predictions[0]?.cancelled).toBe(true));
    expect(lmstudio.predictions).toHaveLength(1);
  });

  it('ends a prediction that goes silent with ModelTimeoutError after the idle timeout, and cancels it on the server', async () => {
    const lmstudio = await start({ predictions: [{ fragments: ['{"ok":'], end: { kind: 'stall' } }] });
    const error = await failure(model(lmstudio, { idleTimeoutMs: 800 }).generateObject(request));
    expect(error).toBeInstanceOf(ModelTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 800, kind: 'idle' });
    await vi.waitFor(() => expect(lmstudio.predictions[0]?.cancelled).toBe(true));
    expect(lmstudio.predictions).toHaveLength(1);
  });

  it('keeps a slow prediction alive as long as fragments keep coming (idle, not total, timeout)', async () => {
    const fragments = ['{', '"ok"', ':', ...Array.from({ length: 20 }, () => ' '), 'true', '}'];
    const lmstudio = await start({ predictions: [{ fragments, fragmentDelayMs: 60 }] });
    // 25 × 60 ms is past the 1 s idle limit in total, but no gap comes near it.
    const result = await model(lmstudio, { idleTimeoutMs: 1000 }).generateObject(request);
    expect(result.object).toEqual({ ok: true });
  });
});

describe('LmStudioModel on the shared retry path (SCRIPTED server)', () => {
  it('keeps the retried attempts on a ModelOutputError after a fault', async () => {
    const lmstudio = await start({ predictions: [{ fragments: ['{'], end: { kind: 'drop-connection' } }, { fragments: ['not json at all'] }] });
    const error = await failure(model(lmstudio).generateObject(request));
    expect(ModelOutputError.isInstance(error)).toBe(true);
    expect((error as ModelOutputError).serverAttempts).toHaveLength(1);
  });

  it('waits retryBaseDelayMs before a retry', async () => {
    const lmstudio = await start({ predictions: [{ fragments: ['{'], end: { kind: 'drop-connection' } }, { fragments: ['{"ok": true}'] }] });
    const result = await model(lmstudio, { retryBaseDelayMs: 20 }).generateObject(request);
    expect(result.serverAttempts?.[0]?.delayMs).toBe(20);
  });
});
