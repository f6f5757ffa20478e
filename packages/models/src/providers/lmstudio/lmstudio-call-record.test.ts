import { describe, expect, it } from 'vitest';
import { lmStudioCallRecord, mapLmStudioStopReason } from './lmstudio-call-record.js';

describe('lmStudioCallRecord', () => {
  it('maps stats to usage and timings, and the instance identifier to modelId', () => {
    const record = lmStudioCallRecord(
      {
        content: '{"ok":true}',
        stats: { stopReason: 'eosFound', timeToFirstTokenSec: 0.25, totalTimeSec: 1.5, promptTokensCount: 120, predictedTokensCount: 9 },
        modelInfo: { identifier: 'qwen2.5-coder-7b-instruct:2', modelKey: 'qwen2.5-coder-7b-instruct' },
      },
      'qwen2.5-coder-7b-instruct',
      1612.4,
    );
    expect(record).toEqual({
      rawText: '{"ok":true}',
      usage: { promptTokens: 120, completionTokens: 9 },
      timings: { totalMs: 1612, timeToFirstTokenMs: 250 },
      finishReason: 'stop',
      rawFinishReason: 'eosFound',
      modelId: 'qwen2.5-coder-7b-instruct:2',
    });
  });

  it('falls back to the requested id and leaves unknown stats undefined', () => {
    const record = lmStudioCallRecord({ content: '', stats: { stopReason: 'maxPredictedTokensReached' } }, 'asked-for', 10);
    expect(record.modelId).toBe('asked-for');
    expect(record.usage).toEqual({ promptTokens: undefined, completionTokens: undefined });
    expect(record.timings.timeToFirstTokenMs).toBeUndefined();
    expect(record.finishReason).toBe('length');
  });

  it("takes the answer apart from LM Studio's separated reasoning, and stream figures where the stats lack them", () => {
    const record = lmStudioCallRecord(
      {
        content: '<think>plan {a}</think>{"ok":true}',
        nonReasoningContent: '{"ok":true}',
        reasoningContent: ' plan {a} ',
        stats: { stopReason: 'eosFound', predictedTokensCount: 12 },
      },
      'm',
      500,
      { completionTokens: 12, reasoningTokens: 7, timeToFirstTokenMs: 120, tokensPerSecond: 33.3 },
    );
    expect(record.rawText).toBe('{"ok":true}');
    expect(record.reasoning).toBe('plan {a}');
    expect(record.usage).toEqual({ promptTokens: undefined, completionTokens: 12, reasoningTokens: 7 });
    expect(record.timings).toEqual({ totalMs: 500, timeToFirstTokenMs: 120, tokensPerSecond: 33.3 });
  });

  it("prefers LM Studio's own stats over the figures measured from the stream", () => {
    const record = lmStudioCallRecord(
      { content: '{}', reasoningContent: '', stats: { stopReason: 'eosFound', timeToFirstTokenSec: 0.05, tokensPerSecond: 41.26 } },
      'm',
      500,
      { completionTokens: 3, reasoningTokens: 0, timeToFirstTokenMs: 90, tokensPerSecond: 30 },
    );
    expect(record.timings).toEqual({ totalMs: 500, timeToFirstTokenMs: 50, tokensPerSecond: 41.3 });
    expect(record).not.toHaveProperty('reasoning');
    expect(record.usage).not.toHaveProperty('reasoningTokens');
  });

  it.each([
    ['eosFound', 'stop'],
    ['stopStringFound', 'stop'],
    ['maxPredictedTokensReached', 'length'],
    ['contextLengthReached', 'length'],
    ['failed', 'error'],
    ['modelUnloaded', 'error'],
    ['userStopped', 'other'],
    ['toolCalls', 'other'],
    ['somethingNew', 'unknown'],
  ] as const)('maps stopReason %s to %s', (stopReason, expected) => {
    expect(mapLmStudioStopReason(stopReason)).toBe(expected);
  });
});
