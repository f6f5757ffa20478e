import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ModelNotFoundError, ModelOutputError } from '../../errors.js';
import type { GenerationProgress } from '../../language-model.js';
import { ModelContextExceededError } from '../../context-exceeded.js';
import { listModels } from '../../list-models.js';
import { LmStudioModel } from './lmstudio-model.js';

// Opt-in: LMSTUDIO_LIVE_MODEL=<model key> (and optionally LMSTUDIO_BASE_URL) with LM Studio's server running.
const liveModel = process.env['LMSTUDIO_LIVE_MODEL'];

const schema = z.object({ language: z.string(), year: z.number().int() });
const request = {
  system: 'You answer with JSON only.',
  prompt: 'Which programming language did Brendan Eich create, and in which year?',
  schema,
  jsonSchema: z.toJSONSchema(schema),
  schemaName: 'language_fact',
  maxTokens: 200,
  temperature: 0,
  seed: 1,
};

describe.skipIf(liveModel === undefined)('LM Studio (live)', () => {
  const modelId = liveModel ?? '';

  it('answers a structured request with usage, timings and finish reason', async () => {
    const result = await new LmStudioModel(modelId).generateObject(request);
    expect(result.object.language.toLowerCase()).toContain('javascript');
    expect(result.finishReason).toBe('stop');
    expect(result.usage.promptTokens).toBeGreaterThan(0);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    expect(result.timings.totalMs).toBeGreaterThan(0);
    expect(result.modelId).not.toBe('');
  });

  it('streams: onProgress sees tokens, the record has time to first token and tokens/s', async () => {
    const progress: GenerationProgress[] = [];
    const result = await new LmStudioModel(modelId, { progressIntervalMs: 0 }).generateObject({ ...request, onProgress: (update) => progress.push(update) });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)?.completionTokens).toBeGreaterThan(0);
    expect(result.timings.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.tokensPerSecond).toBeGreaterThan(0);
  });

  it('refuses a call whose maxTokens cannot fit the loaded context, before predicting', async () => {
    const error = await new LmStudioModel(modelId).generateObject({ ...request, maxTokens: 50_000_000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelContextExceededError);
    expect((error as ModelContextExceededError).contextLength).toBeGreaterThan(0);
    expect((error as ModelContextExceededError).promptTokens).toBeGreaterThan(0);
  });

  it('reports a cut-off answer as truncated', async () => {
    const error = await new LmStudioModel(modelId).generateObject({ ...request, maxTokens: 3 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelOutputError);
    expect((error as ModelOutputError).code).toBe('MODEL_OUTPUT_TRUNCATED');
  });

  it('reports an unknown model key as ModelNotFoundError', async () => {
    const error = await new LmStudioModel('ndli-no-such-model-xyz').generateObject(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelNotFoundError);
  });

  it('lists downloaded models including the live one', async () => {
    const models = await listModels('lmstudio');
    expect(models.map((model) => model.id)).toContain(modelId);
  });
});
