import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ModelOutputError } from '../../errors.js';
import { OpenAICompatibleModel } from './openai-compatible-model.js';

// Opt-in: OPENAI_COMPATIBLE_LIVE_BASE_URL (e.g. http://127.0.0.1:11434/v1) and OPENAI_COMPATIBLE_LIVE_MODEL.
const baseUrl = process.env['OPENAI_COMPATIBLE_LIVE_BASE_URL'];
const modelId = process.env['OPENAI_COMPATIBLE_LIVE_MODEL'];

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

describe.skipIf(baseUrl === undefined || modelId === undefined)('OpenAI-compatible server (live)', () => {
  it('answers a structured request', async () => {
    const model = new OpenAICompatibleModel(modelId ?? '', { baseUrl: baseUrl ?? '' });
    const result = await model.generateObject(request);
    expect(result.object.language.toLowerCase()).toContain('javascript');
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    // Which structured-output mode the server accepted, for the record.
    console.info(`structured output mode: ${model.structuredOutputMode}`);
  });

  it('reports a cut-off answer as truncated', async () => {
    const error = await new OpenAICompatibleModel(modelId ?? '', { baseUrl: baseUrl ?? '' }).generateObject({ ...request, maxTokens: 3 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelOutputError);
    expect((error as ModelOutputError).code).toBe('MODEL_OUTPUT_TRUNCATED');
  });
});
