import { describe, expect, it } from 'vitest';
import { passAtKInterval, passHatKInterval } from './pass-intervals.js';
import { wilsonInterval } from './wilson-interval.js';

describe('pass@k and pass^k intervals', () => {
  it('are the Wilson interval of the pass rate at k = 1', () => {
    expect(passAtKInterval(10, 7, 1)).toEqual(wilsonInterval(7, 10));
    expect(passHatKInterval(10, 7, 1)).toEqual(wilsonInterval(7, 10));
  });

  it('map the Wilson bounds through 1 − (1 − p)^k and p^k', () => {
    // Wilson 7/10 = [0.39678, 0.89221] (scipy): pass@3 = 1 − (1 − p)^3, pass^3 = p^3.
    const atThree = passAtKInterval(10, 7, 3);
    expect(atThree.low).toBeCloseTo(1 - (1 - 0.39677814746114526) ** 3, 10);
    expect(atThree.high).toBeCloseTo(1 - (1 - 0.892208732593699) ** 3, 10);
    const hatThree = passHatKInterval(10, 7, 3);
    expect(hatThree.low).toBeCloseTo(0.39677814746114526 ** 3, 10);
    expect(hatThree.high).toBeCloseTo(0.892208732593699 ** 3, 10);
  });

  it('keep the extremes: nothing passed, everything passed', () => {
    expect(passAtKInterval(5, 0, 3).low).toBe(0);
    expect(passHatKInterval(5, 5, 3).high).toBe(1);
  });
});
