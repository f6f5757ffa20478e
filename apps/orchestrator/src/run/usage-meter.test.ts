import { ModelAbortedError, ModelOutputError, type GenerateObjectRequest } from '@ndli/models';
import { MockModel } from '@ndli/models/testing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StreamingUntilAborted } from '../test-support/streaming-model.js';
import { MeteredModel } from './usage-meter.js';

const request = (signal?: AbortSignal): GenerateObjectRequest<{ n: number }> => ({
  system: 's',
  prompt: 'p',
  schema: z.object({ n: z.number() }),
  jsonSchema: {},
  schemaName: 'answer',
  maxTokens: 100,
  ...(signal ? { abortSignal: signal } : {}),
});

describe('MeteredModel', () => {
  it('reports each call’s tokens, answered or with unusable output', async () => {
    const calls: { prompt: number; completion: number }[] = [];
    const inner = new MockModel({ responses: ['{"n":1}', 'not json'] });
    const model = new MeteredModel(inner, { onCall: (tokens) => calls.push(tokens), onProgress: () => undefined });
    await model.generateObject(request());
    await expect(model.generateObject(request())).rejects.toBeInstanceOf(ModelOutputError);
    expect(calls).toHaveLength(2);
    expect(calls.every((tokens) => tokens.prompt > 0 && tokens.completion > 0)).toBe(true);
  });

  it('lets a budget abort the call in flight from its progress', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const model = new MeteredModel(new StreamingUntilAborted(), {
      onCall: () => undefined,
      onProgress: (completion) => {
        seen.push(completion);
        if (completion >= 50) controller.abort('budget-tokens');
      },
    });
    await expect(model.generateObject(request(controller.signal))).rejects.toBeInstanceOf(ModelAbortedError);
    expect(seen.at(-1)).toBe(50);
  });
});
