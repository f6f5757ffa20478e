import { describe, expect, it } from 'vitest';
import { passAtK } from './pass-at-k.js';

describe('passAtK (unbiased estimator 1 − C(n−c,k)/C(n,k))', () => {
  it('matches hand-computed values', () => {
    // n=5, c=2: pass@1 = 2/5; pass@2 = 1 − C(3,2)/C(5,2) = 1 − 3/10; pass@3 = 1 − C(3,3)/C(5,3) = 1 − 1/10
    expect(passAtK(5, 2, 1)).toBeCloseTo(0.4, 12);
    expect(passAtK(5, 2, 2)).toBeCloseTo(0.7, 12);
    expect(passAtK(5, 2, 3)).toBeCloseTo(0.9, 12);
    // n−c < k: some sample must pass
    expect(passAtK(5, 2, 4)).toBe(1);
    // n=10, c=3, k=5: 1 − C(7,5)/C(10,5) = 1 − 21/252
    expect(passAtK(10, 3, 5)).toBeCloseTo(1 - 21 / 252, 12);
  });

  it('is 0 with no pass and 1 with every trial passing', () => {
    expect(passAtK(4, 0, 1)).toBe(0);
    expect(passAtK(4, 0, 4)).toBe(0);
    expect(passAtK(4, 4, 1)).toBe(1);
  });

  it('stays finite for large n (no factorial overflow)', () => {
    expect(passAtK(1000, 10, 100)).toBeCloseTo(1 - Array.from({ length: 10 }, (_, index) => 1 - 100 / (991 + index)).reduce((a, b) => a * b, 1), 10);
  });

  it('rejects impossible inputs', () => {
    expect(() => passAtK(3, 4, 1)).toThrow(RangeError);
    expect(() => passAtK(3, 1, 4)).toThrow(/k must be ≤ n/);
    expect(() => passAtK(3, 1, 0)).toThrow(RangeError);
  });
});
