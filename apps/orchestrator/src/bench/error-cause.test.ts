import { PhaseOutputError } from '@ndli/latent-core';
import { ModelHttpError, ModelOutputError, ModelUnreachableError, ReplayError, type CallRecord } from '@ndli/models';
import { describe, expect, it } from 'vitest';
import { errorCause } from './error-cause.js';

const unreachable = new ModelUnreachableError({ provider: 'lmstudio', modelId: 'qwen', baseUrl: 'http://127.0.0.1:1234', hint: 'start it' });
const truncatedCall: CallRecord = {
  rawText: '{"solved_tasks": [',
  usage: { promptTokens: 900, completionTokens: 4096 },
  timings: { totalMs: 30_000, timeToFirstTokenMs: undefined },
  finishReason: 'length',
  rawFinishReason: 'length',
  modelId: 'q',
};

describe('errorCause', () => {
  it('puts an unreachable or failing server outside the model', () => {
    expect(errorCause({ runStatus: 'error', error: unreachable, lastVerdict: undefined })).toBe('model-server');
    expect(errorCause({ runStatus: 'error', error: new ModelHttpError({ provider: 'vllm', modelId: 'q', status: 503, message: 'Service Unavailable' }), lastVerdict: 'red' })).toBe('model-server');
  });

  it('counts a model that never gave a usable answer or hit its token limit as its own failure', () => {
    expect(errorCause({ runStatus: 'error', error: new PhaseOutputError({ phase: 'init', iteration: 0, modelId: 'q', attempts: [] }), lastVerdict: undefined })).toBeUndefined();
    expect(errorCause({ runStatus: 'error', error: new ModelOutputError('MODEL_OUTPUT_TRUNCATED', { provider: 'vllm', modelId: 'q', call: truncatedCall, issues: ['cut off'] }), lastVerdict: undefined })).toBeUndefined();
    expect(errorCause({ runStatus: 'error', error: new ReplayError('REPLAY_EXHAUSTED', 'no more answers', { modelId: 'demo' }), lastVerdict: undefined })).toBeUndefined();
  });

  it('puts a judge that could not judge outside the model, unless the run passed', () => {
    expect(errorCause({ runStatus: 'failed', error: undefined, lastVerdict: 'judge-error' })).toBe('judge');
    expect(errorCause({ runStatus: 'stalled', error: undefined, lastVerdict: 'judge-error' })).toBe('judge');
    expect(errorCause({ runStatus: 'error', error: new Error('browser closed'), lastVerdict: 'judge-error' })).toBe('judge');
    expect(errorCause({ runStatus: 'failed', error: undefined, lastVerdict: 'red' })).toBeUndefined();
    expect(errorCause({ runStatus: 'passed', error: undefined, lastVerdict: 'green' })).toBeUndefined();
  });

  it('calls anything else that threw a crash', () => {
    expect(errorCause({ runStatus: 'error', error: new TypeError('cannot read properties of undefined'), lastVerdict: undefined })).toBe('crash');
    expect(errorCause({ runStatus: 'error', error: undefined, lastVerdict: 'red' })).toBe('crash');
  });
});
