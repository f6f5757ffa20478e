import { QwenChatWrapper } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ModelOutputError } from '../../errors.js';
import type { GenerateObjectRequest } from '../../language-model.js';
import { writeTinyGguf } from '../../testing/tiny-gguf.js';
import { releaseLocalModels } from './llama-runtime.js';
import { LocalModel } from './local-model.js';

// Real inference, random weights, in a reasoning model's prompt format (Qwen3's: the answer opens with
// a <think> segment). The grammar must not apply to the thought, or the thought could never close.

const answer = z.object({ name: z.string().min(1).max(12) });

function request(maxTokens: number): GenerateObjectRequest<{ name: string }> {
  return { system: 'Think, then answer.', prompt: 'Name a colour.', schema: answer, jsonSchema: z.toJSONSchema(answer) as Record<string, unknown>, schemaName: 'answer', maxTokens, temperature: 1, seed: 5 };
}

let modelPath: string;

beforeAll(async () => {
  modelPath = await writeTinyGguf();
});

afterAll(async () => {
  await releaseLocalModels();
});

describe('LocalModel with a reasoning prompt format (real inference, random weights)', () => {
  it('thinks unconstrained, then answers under the grammar; the thought is kept as reasoning', async () => {
    const model = new LocalModel(modelPath, { threads: 1, chatWrapper: new QwenChatWrapper({ thoughts: 'auto', variation: '3.5' }), maxThoughtTokens: 24 });
    const result = await model.generateObject(request(200));
    expect(result.object.name.length).toBeGreaterThan(0);
    expect(result.reasoning?.length).toBeGreaterThan(0);
    // Random bytes in the thought: no JSON shape there; the answer alone is the JSON.
    expect(result.rawText.trim().startsWith('{')).toBe(true);
    expect(result.usage.reasoningTokens).toBeGreaterThan(0);
    expect(result.usage.reasoningTokens).toBeLessThanOrEqual(24 + 4);
  });

  it('reports a model still thinking at the token limit as truncated, with the thought kept', async () => {
    const model = new LocalModel(modelPath, { threads: 1, chatWrapper: new QwenChatWrapper({ thoughts: 'auto', variation: '3.5' }) });
    const failure = await model.generateObject(request(40)).catch((error: unknown) => error);
    expect(ModelOutputError.isInstance(failure)).toBe(true);
    const error = failure as ModelOutputError;
    expect(error.code).toBe('MODEL_OUTPUT_TRUNCATED');
    expect(error.call.reasoning?.length).toBeGreaterThan(0);
    expect(error.call.rawText).toBe('');
  });
});
