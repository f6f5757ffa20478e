import { describe, expect, it } from 'vitest';
import { checkRegression } from './regression-rule.js';

const policy = { threshold: 0.1, alpha: 0.05 };
const count = (passes: number, trials: number) => ({ passes, trials });

describe('checkRegression (drop beyond the threshold AND significant)', () => {
  it('gives 7→6 and 4→3 of 10 the same answer: a one-trial drop equal to the threshold is not beyond it', () => {
    const high = checkRegression(count(7, 10), count(6, 10), policy);
    const low = checkRegression(count(4, 10), count(3, 10), policy);
    expect([high.regression, low.regression]).toEqual([false, false]);
    expect(high.drop).toEqual(low.drop);
    // Below the threshold the drop is beyond it for both, and still not significant for both.
    const tight = { threshold: 0.05, alpha: 0.05 };
    expect([checkRegression(count(7, 10), count(6, 10), tight).regression, checkRegression(count(4, 10), count(3, 10), tight).regression]).toEqual([false, false]);
  });

  it('does not call 5-trial noise a regression: one flipped trial is 20 points but p = 0.5', () => {
    const check = checkRegression(count(5, 5), count(4, 5), policy);
    expect(check.pValue).toBeCloseTo(0.5, 10);
    expect(check.regression).toBe(false);
  });

  it('calls a large, significant drop a regression', () => {
    const check = checkRegression(count(10, 10), count(5, 10), policy);
    expect(check.pValue).toBeCloseTo(0.016253869969040248, 10);
    expect(check.regression).toBe(true);
    expect(checkRegression(count(5, 5), count(0, 5), policy).regression).toBe(true);
  });

  it('needs both: significant but within the threshold is not a regression', () => {
    expect(checkRegression(count(10, 10), count(5, 10), { threshold: 0.6, alpha: 0.05 }).regression).toBe(false);
    expect(checkRegression(count(10, 10), count(5, 10), { threshold: 0.1, alpha: 0.01 }).regression).toBe(false);
  });

  it('never calls an improvement a regression', () => {
    expect(checkRegression(count(3, 10), count(9, 10), policy)).toMatchObject({ regression: false, drop: { numerator: -60 } });
  });
});
