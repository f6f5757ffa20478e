import { describe, expect, it } from 'vitest';
import { passAtK } from './pass-at-k.js';
import { passHatK } from './pass-hat-k.js';

describe('passHatK (unbiased estimator C(c,k)/C(n,k))', () => {
  it('matches hand-computed values', () => {
    // n=5, c=3: pass^1 = 3/5; pass^2 = C(3,2)/C(5,2) = 3/10; pass^3 = 1/10; pass^4 = 0
    expect(passHatK(5, 3, 1)).toBeCloseTo(0.6, 12);
    expect(passHatK(5, 3, 2)).toBeCloseTo(0.3, 12);
    expect(passHatK(5, 3, 3)).toBeCloseTo(0.1, 12);
    expect(passHatK(5, 3, 4)).toBe(0);
    // n=10, c=7, k=5: C(7,5)/C(10,5) = 21/252
    expect(passHatK(10, 7, 5)).toBeCloseTo(21 / 252, 12);
  });

  it('equals pass@1 at k = 1 and falls as k grows unless every trial passed', () => {
    expect(passHatK(8, 5, 1)).toBeCloseTo(passAtK(8, 5, 1), 12);
    expect(passHatK(8, 5, 3)).toBeLessThan(passHatK(8, 5, 2));
    expect(passHatK(8, 8, 8)).toBe(1);
  });

  it('rejects impossible inputs', () => {
    expect(() => passHatK(3, 4, 1)).toThrow(RangeError);
    expect(() => passHatK(3, 1, 4)).toThrow(/k must be ≤ n/);
  });
});
