import { describe, expect, it } from 'vitest';
import { LatentInputError } from './errors.js';
import { resolveSettings } from './settings.js';

describe('resolveSettings', () => {
  it('uses the seed defaults', () => {
    expect(resolveSettings(undefined)).toEqual({
      maxRefinements: 12,
      minSolvePerIteration: 2,
      maxRetries: 2,
      stallLimit: 2,
      refineOutput: 'changes',
      maxBlockerAnswers: 40,
      temperature: 0.2,
      maxTokens: 8192,
    });
  });

  it('keeps given values, 0 refinements included', () => {
    expect(resolveSettings({ maxRefinements: 0, seed: 7 })).toMatchObject({ maxRefinements: 0, seed: 7, maxRetries: 2 });
  });

  it('rejects nonsense with the field named', () => {
    expect(() => resolveSettings({ maxTokens: 0 })).toThrow(LatentInputError);
    expect(() => resolveSettings({ stallLimit: 1.5 })).toThrow(/stallLimit/);
  });
});
