import { describe, expect, it } from 'vitest';
import { ModelContextExceededError, contextOverflowTokens } from './context-exceeded.js';
import { ModelError, ModelOutputError, isInfrastructureModelError } from './errors.js';

describe('contextOverflowTokens', () => {
  it('is 0 while prompt + maxTokens fit (exactly fitting included), else the missing tokens', () => {
    expect(contextOverflowTokens({ promptTokens: 3000, maxTokens: 1096, contextLength: 4096 })).toBe(0);
    expect(contextOverflowTokens({ promptTokens: 100, maxTokens: 100, contextLength: 4096 })).toBe(0);
    expect(contextOverflowTokens({ promptTokens: 3000, maxTokens: 8192, contextLength: 4096 })).toBe(7096);
  });
});

describe('ModelContextExceededError', () => {
  it('names prompt tokens, maxTokens and context, and the two fixes with figures', () => {
    const error = new ModelContextExceededError({ provider: 'lmstudio', modelId: 'qwen', promptTokens: 3000, maxTokens: 8192, contextLength: 4096 });
    expect(error.code).toBe('MODEL_CONTEXT_EXCEEDED');
    expect(error.message).toBe(
      'The prompt (3000 tokens) plus maxTokens (8192) needs 11192 tokens, but "qwen" is loaded with a context of 4096 tokens: ' +
        'reload it with a context of at least 11192 tokens, or lower maxTokens.',
    );
    expect(error.hint).toContain('at least 11192 tokens');
    expect(error.hint).toContain('lms load qwen --context-length 11192');
    expect(error.hint).toContain('lower maxTokens to at most 1096');
    // A setup problem, not the model's answer: benches must not count it against the model.
    expect(isInfrastructureModelError(error)).toBe(true);
  });

  it('does not suggest a maxTokens that cannot help when the prompt alone is too long', () => {
    const error = new ModelContextExceededError({ provider: 'lmstudio', modelId: 'qwen', promptTokens: 5000, maxTokens: 100, contextLength: 4096 });
    expect(error.hint).not.toMatch(/at most/);
  });
});

describe('ModelContextExceededError per provider', () => {
  it('tells a local model user what the model was trained on and what to lower', () => {
    const error = new ModelContextExceededError({ provider: 'local', modelId: 'tiny.gguf', promptTokens: 300, maxTokens: 4000, contextLength: 4096 });
    expect(error.message).toContain('was trained on a context of 4096 tokens');
    expect(error.hint).toContain('Lower maxTokens to at most 3796');
    expect(error.hint).not.toContain('lms load');
  });

  it('is recognised by isInstance, also as a ModelError', () => {
    const error = new ModelContextExceededError({ provider: 'local', modelId: 'm', promptTokens: 1, maxTokens: 1, contextLength: 1 });
    expect(ModelContextExceededError.isInstance(error)).toBe(true);
    expect(ModelError.isInstance(error)).toBe(true);
    expect(ModelOutputError.isInstance(error)).toBe(false);
    // A copy of the class from another package copy: instanceof fails, isInstance still holds.
    const copy = Object.assign(Object.create(null) as object, { [Symbol.for('ndli.models.error-classes')]: ['ModelContextExceededError', 'ModelError'] });
    expect(copy instanceof ModelContextExceededError).toBe(false);
    expect(ModelContextExceededError.isInstance(copy)).toBe(true);
    expect(ModelContextExceededError.isInstance(new Error('x'))).toBe(false);
  });
});
