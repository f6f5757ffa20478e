import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson-interval.js';

// Reference values: scipy.stats.binomtest(c, n).proportion_ci(method='wilson') (= R's prop.test without continuity correction).
describe('wilsonInterval', () => {
  it.each([
    [7, 10, 0.39677814746114526, 0.892208732593699],
    [0, 10, 0, 0.27753279986288926],
    [10, 10, 0.7224672001371109, 1],
    [3, 5, 0.23072428127601297, 0.8823792257673521],
    [1, 1, 0.20654931437723745, 1],
  ])('%i of %i → [%f, %f]', (successes, trials, low, high) => {
    const interval = wilsonInterval(successes, trials);
    expect(interval.low).toBeCloseTo(low, 10);
    expect(interval.high).toBeCloseTo(high, 10);
  });

  it('narrows as trials grow at the same share', () => {
    const small = wilsonInterval(5, 10);
    const large = wilsonInterval(50, 100);
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
  });

  it('rejects counts that are not a share', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 3)).toThrow(RangeError);
  });
});
