import { describe, expect, it } from 'vitest';
import { ModelAbortedError, ModelHttpError, ModelNotFoundError, ModelTimeoutError } from '../../errors.js';
import { isLmStudioModelNotFound, lmStudioErrorText, toLmStudioError } from './lmstudio-errors.js';

const context = { modelId: 'qwen-missing', timeoutMs: 1000, idleTimeoutMs: 100, stopCause: undefined };

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

  it('names why the call was stopped over the SDK message: timeout (total or idle), or abort', () => {
    const raw = new Error('This operation was aborted');
    expect(toLmStudioError(raw, { ...context, stopCause: 'total' })).toMatchObject({ code: 'MODEL_TIMEOUT', timeoutMs: 1000 });
    const idle = toLmStudioError(raw, { ...context, stopCause: 'idle' });
    expect(idle).toBeInstanceOf(ModelTimeoutError);
    expect(idle).toMatchObject({ timeoutMs: 100, kind: 'idle' });
    expect(toLmStudioError(raw, { ...context, stopCause: 'caller' })).toBeInstanceOf(ModelAbortedError);
  });

  it('keeps only the first line of other SDK errors in the message, the whole text in the body', () => {
    const error = toLmStudioError(new Error('Model failed to load\n  at stack frame\n  at another'), context);
    expect(error).toBeInstanceOf(ModelHttpError);
    expect(error.message).toContain('Model failed to load');
    expect(error.message).not.toContain('stack frame');
    expect((error as ModelHttpError).responseBody).toContain('stack frame');
  });

  it("uses the server's title (and cause) that the SDK attaches, not its boxed terminal message", () => {
    const boxed = Object.assign(new Error('\n╭─ Error ─╮\n│  \u001b[91m The model has crashed \u001b[39m │\n╰──────╯'), { title: 'The model has crashed', cause: 'exit code 134' });
    const error = toLmStudioError(boxed, context);
    expect(error.message).toBe('LM Studio failed the call for "qwen-missing": The model has crashed (exit code 134)');
    expect((error as ModelHttpError).responseBody).not.toContain('\u001b[');
  });
});

describe('lmStudioErrorText', () => {
  it('reads the first line of a boxed SDK message without box drawing or colours when there is no title', () => {
    expect(lmStudioErrorText(new Error('\n╭─ Error ─╮\n│ \u001b[91mWebSocket connection closed\u001b[39m │\n╰──╯'))).toBe('WebSocket connection closed');
    expect(lmStudioErrorText('plain')).toBe('plain');
  });
});

describe('isLmStudioModelNotFound', () => {
  it("recognises LM Studio's codes and the SDK's friendly text for them (which drops the code)", () => {
    expect(isLmStudioModelNotFound(sdkError('x', { code: 'generic.noModelMatchingQuery' }))).toBe(true);
    expect(isLmStudioModelNotFound(new Error('\n│ Cannot find a model with path "\u001b[93mqwen\u001b[39m" │'))).toBe(true);
    expect(isLmStudioModelNotFound(Object.assign(new Error(''), { title: 'Failed to load model: out of memory' }))).toBe(false);
  });
});
