import { describe, expect, it } from 'vitest';
import { ModelAbortedError, ModelHttpError, ModelNotFoundError, ModelTimeoutError } from './errors.js';
import { toLmStudioError } from './lmstudio-errors.js';

const context = { modelId: 'qwen-missing', timeoutMs: 1000, callerAborted: false, timedOut: false };

/** What the SDK rehydrates from LM Studio's error frames: an Error with `displayData`. */
function sdkError(message: string, displayData: Record<string, unknown>): Error {
  return Object.assign(new Error(message), { displayData });
}

describe('toLmStudioError', () => {
  it('maps an unknown model path to ModelNotFoundError with the models LM Studio has', () => {
    const error = toLmStudioError(
      sdkError('Cannot find a model with path "qwen-missing"', { code: 'generic.pathNotFound', path: 'qwen-missing', availablePathsSample: ['qwen2.5-coder-7b-instruct', 'llama-3.2-3b'], totalModels: 2 }),
      context,
    );
    expect(error).toBeInstanceOf(ModelNotFoundError);
    expect((error as ModelNotFoundError).availableModels).toEqual(['qwen2.5-coder-7b-instruct', 'llama-3.2-3b']);
    expect(error.hint).toContain('lms ls');
  });

  it('prefers timeout over abort, and abort over the SDK message', () => {
    const raw = new Error('This operation was aborted');
    expect(toLmStudioError(raw, { ...context, timedOut: true })).toBeInstanceOf(ModelTimeoutError);
    expect(toLmStudioError(raw, { ...context, callerAborted: true })).toBeInstanceOf(ModelAbortedError);
  });

  it('keeps only the first line of other SDK errors in the message, the whole text in the body', () => {
    const error = toLmStudioError(new Error('Model failed to load\n  at stack frame\n  at another'), context);
    expect(error).toBeInstanceOf(ModelHttpError);
    expect(error.message).toContain('Model failed to load');
    expect(error.message).not.toContain('stack frame');
    expect((error as ModelHttpError).responseBody).toContain('stack frame');
  });
});
