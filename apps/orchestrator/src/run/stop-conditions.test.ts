import { describe, expect, it } from 'vitest';
import { NdliConfigSchema } from '../config/config-schema.js';
import { judgedRound } from '../test-support/round-summary.js';
import { exhaustedBudget, isGreen, isJudgeError, isStagnant, roundsExhausted } from './stop-conditions.js';

describe('loop ends', () => {
  it('is green only when nothing failed and nothing was left unjudged', () => {
    expect(isGreen(judgedRound(1, []))).toBe(true);
    expect(isGreen(judgedRound(1, ['a']))).toBe(false);
    const judgeError = judgedRound(1, [], { judgeErrorTitles: ['g › b'] });
    expect(isGreen(judgeError)).toBe(false);
    expect(isJudgeError(judgeError)).toBe(true);
    expect(isJudgeError(judgedRound(1, ['a'], { judgeErrorTitles: ['g › b'] }))).toBe(false);
    // Old summaries without an outcome: passed = total.
    const { outcome: _outcome, ...old } = judgedRound(1, []);
    expect(isGreen(old)).toBe(true);
    expect(isGreen({ ...old, total: 0, passed: 0 })).toBe(false);
  });

  it('is stagnant when the last rounds fail the same set of tests, whatever the order or the wrong values', () => {
    expect(isStagnant([judgedRound(1, ['a', 'b']), judgedRound(2, ['b', 'a'])], 2)).toBe(true);
    expect(isStagnant([judgedRound(1, ['a', 'b']), judgedRound(2, ['a'])], 2)).toBe(false);
    expect(isStagnant([judgedRound(1, ['a']), judgedRound(2, ['a', 'c'])], 2)).toBe(false);
    expect(isStagnant([judgedRound(1, ['a']), judgedRound(2, ['a'])], 3)).toBe(false);
    expect(isStagnant([judgedRound(1, ['a']), judgedRound(2, ['a'])], 0)).toBe(false);
    expect(isStagnant([judgedRound(1, ['a']), judgedRound(2, ['a']), judgedRound(3, ['a'])], 3)).toBe(true);
  });

  it('ends on whichever budget runs out first', () => {
    const config = NdliConfigSchema.parse({ budgets: { maxTotalTokens: 1000, maxWallTimeMs: 60_000 } });
    expect(exhaustedBudget(config, { tokens: { prompt: 600, completion: 400 }, elapsedMs: 1 })).toBe('budget-tokens');
    expect(exhaustedBudget(config, { tokens: { prompt: 1, completion: 1 }, elapsedMs: 60_000 })).toBe('budget-wall-time');
    expect(exhaustedBudget(config, { tokens: { prompt: 1, completion: 1 }, elapsedMs: 1 })).toBeUndefined();
    expect(exhaustedBudget(NdliConfigSchema.parse({}), { tokens: { prompt: 1e9, completion: 0 }, elapsedMs: 1e9 })).toBeUndefined();
    expect(roundsExhausted(5, 5)).toBe(true);
    expect(roundsExhausted(4, 5)).toBe(false);
  });
});
