import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ModelOutputError } from './errors.js';
import type { CallRecord } from './language-model.js';
import { parseModelOutput } from './parse-output.js';

const schema = z.object({ answer: z.string() });

function call(rawText: string, overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    rawText,
    usage: { promptTokens: 10, completionTokens: 20 },
    timings: { totalMs: 5, timeToFirstTokenMs: undefined },
    finishReason: 'stop',
    rawFinishReason: 'stop',
    modelId: 'm',
    ...overrides,
  };
}

function failure(record: CallRecord): ModelOutputError {
  try {
    parseModelOutput(record, schema, 'test');
  } catch (error) {
    if (error instanceof ModelOutputError) return error;
    throw error;
  }
  throw new Error('expected a ModelOutputError');
}

describe('parseModelOutput', () => {
  it('separates a <think> block with braces, keeps it as reasoning and estimates its tokens', () => {
    const result = parseModelOutput(call('<think>maybe {"answer":"wrong"}?</think>\n{"answer":"4"}'), schema, 'test');
    expect(result.object).toEqual({ answer: '4' });
    expect(result.rawText).toBe('{"answer":"4"}');
    expect(result.reasoning).toBe('maybe {"answer":"wrong"}?');
    expect(result.usage).toMatchObject({ reasoningTokens: 7, reasoningTokensEstimated: true });
  });

  it('keeps the server\'s reasoning count and joins its separate reasoning with an inline block', () => {
    const result = parseModelOutput(call('<think>inline</think>{"answer":"4"}', { reasoning: 'server', usage: { promptTokens: 1, completionTokens: 9, reasoningTokens: 3 } }), schema, 'test');
    expect(result.reasoning).toBe('server\n\ninline');
    expect(result.usage).toEqual({ promptTokens: 1, completionTokens: 9, reasoningTokens: 3 });
  });

  it('uses JSON found only in the reasoning when the answer is empty, and says so', () => {
    const result = parseModelOutput(call('', { reasoning: 'Final: {"answer":"4"}' }), schema, 'test');
    expect(result.object).toEqual({ answer: '4' });
    expect(result.warnings).toEqual(['The answer was empty; the JSON was taken from the model\'s reasoning.']);
  });

  it('reports a thinking-only answer without JSON as invalid JSON, keeping the reasoning', () => {
    const error = failure(call('<think>I wonder</think>'));
    expect(error.code).toBe('MODEL_OUTPUT_INVALID_JSON');
    expect(error.issues[0]).toMatch(/answer was empty and the reasoning holds no JSON/);
    expect(error.call.reasoning).toBe('I wonder');
  });

  it('reports reasoning JSON of the wrong shape as a schema mismatch', () => {
    expect(failure(call('', { reasoning: '{"other":1}' })).code).toBe('MODEL_OUTPUT_SCHEMA_MISMATCH');
  });

  it('calls an unclosed <think> block truncated, even when the server said stop', () => {
    const error = failure(call('<think>long thought {'));
    expect(error.code).toBe('MODEL_OUTPUT_TRUNCATED');
    expect(error.issues[0]).toMatch(/still reasoning/);
    expect(error.call.reasoning).toBe('long thought {');
  });

  it('checks finish reason length before parsing', () => {
    expect(failure(call('{"answer":"4"}', { finishReason: 'length' })).code).toBe('MODEL_OUTPUT_TRUNCATED');
  });

  it('names the strategies tried when no JSON is found, keeping the raw text', () => {
    const error = failure(call('garbage {'));
    expect(error.code).toBe('MODEL_OUTPUT_INVALID_JSON');
    expect(error.issues[0]).toMatch(/tried: whole-text, fenced-block, balanced-scan/);
    expect(error.call.rawText).toBe('garbage {');
  });

  it('says an empty answer is empty', () => {
    expect(failure(call('  ')).issues).toEqual(['the answer is empty']);
  });

  it('takes the first candidate that fits the schema, not a prose example before it', () => {
    expect(parseModelOutput(call('For example {"x":1}. The answer: {"answer":"4"}'), schema, 'test').object).toEqual({ answer: '4' });
  });

  it('reports the wrong shape as a schema mismatch with the path', () => {
    const error = failure(call('{"answer": 4}'));
    expect(error.code).toBe('MODEL_OUTPUT_SCHEMA_MISMATCH');
    expect(error.issues[0]).toMatch(/^answer:/);
  });
});
