import { describe, expect, it } from 'vitest';
import { NdliConfigSchema } from '../config/config-schema.js';
import type { RoundSummary } from './run-metadata.js';
import { exhaustedBudget, isGreen, isStagnant, roundsExhausted } from './stop-conditions.js';
import { compareFailures, isBetterRound } from './test-anchors.js';

const round = (number: number, passed: number, digest: string): RoundSummary => ({
  round: number,
  kind: number === 1 ? 'init' : 'fix',
  status: 'judged',
  calls: 1,
  retries: 0,
  truncations: 0,
  tokens: { prompt: 0, completion: 0 },
  passed,
  total: 10,
  blockerDigest: digest,
});

describe('loop ends', () => {
  it('is green only when every test passed', () => {
    expect(isGreen(round(1, 10, 'a'))).toBe(true);
    expect(isGreen(round(1, 9, 'a'))).toBe(false);
    expect(isGreen({ ...round(1, 0, 'a'), total: 0 })).toBe(false);
  });

  it('is stagnant when the last rounds repeat the same failures and blockers', () => {
    expect(isStagnant([round(1, 5, 'a'), round(2, 5, 'a')], 2)).toBe(true);
    expect(isStagnant([round(1, 5, 'a'), round(2, 6, 'b')], 2)).toBe(false);
    expect(isStagnant([round(1, 5, 'a'), round(2, 5, 'a')], 3)).toBe(false);
    expect(isStagnant([round(1, 5, 'a'), round(2, 5, 'a')], 0)).toBe(false);
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

describe('test anchors', () => {
  it('names the tests a round fixed and the ones it broke', () => {
    const all = ['a', 'b', 'c', 'd'];
    expect(compareFailures(['a', 'b'], ['b', 'c'], all)).toEqual({ fixedTitles: ['a'], regressedTitles: ['c'] });
    expect(compareFailures(undefined, ['a'], all)).toEqual({ fixedTitles: [], regressedTitles: [] });
  });

  it('keeps the earlier artifact on a tie and takes a strictly better one', () => {
    expect(isBetterRound(round(2, 7, 'x'), { passed: 7 })).toBe(false);
    expect(isBetterRound(round(2, 8, 'x'), { passed: 7 })).toBe(true);
    expect(isBetterRound(round(1, 0, 'x'), undefined)).toBe(true);
  });
});
