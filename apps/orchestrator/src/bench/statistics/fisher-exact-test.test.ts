import { describe, expect, it } from 'vitest';
import { fisherExactTest } from './fisher-exact-test.js';

/**
 * Reference p-values from R's fisher.test (checked with scipy.stats.fisher_exact), for the table
 * [[a passes, a fails], [b passes, b fails]]. The "Convictions" table is the example in R's own docs.
 */
describe('fisherExactTest', () => {
  it.each([
    [{ passes: 7, trials: 10 }, { passes: 6, trials: 10 }, 0.5, 1, 0.8250773993808049],
    [{ passes: 4, trials: 10 }, { passes: 3, trials: 10 }, 0.5, 1, 0.8250773993808049],
    [{ passes: 5, trials: 5 }, { passes: 0, trials: 5 }, 0.003968253968253969, 0.007936507936507938, 1],
    [{ passes: 10, trials: 10 }, { passes: 5, trials: 10 }, 0.016253869969040248, 0.032507739938080496, 1],
    [{ passes: 3, trials: 4 }, { passes: 1, trials: 4 }, 0.24285714285714283, 0.48571428571428565, 0.9857142857142858],
    [{ passes: 2, trials: 17 }, { passes: 10, trials: 13 }, 0.9999845190186861, 0.0005367241191434358, 0.00046518094336290503],
    [{ passes: 9, trials: 10 }, { passes: 4, trials: 10 }, 0.028637770897832822, 0.05727554179566563, 0.9984520123839009],
  ])('%o vs %o → greater %f, two-sided %f, less %f', (a, b, greater, twoSided, less) => {
    expect(fisherExactTest(a, b, 'greater')).toBeCloseTo(greater, 10);
    expect(fisherExactTest(a, b, 'two-sided')).toBeCloseTo(twoSided, 10);
    expect(fisherExactTest(a, b, 'less')).toBeCloseTo(less, 10);
  });

  it('gives one-trial drops of the same size the same answer (7→6 and 4→3 of 10)', () => {
    expect(fisherExactTest({ passes: 7, trials: 10 }, { passes: 6, trials: 10 }, 'greater')).toBeCloseTo(
      fisherExactTest({ passes: 4, trials: 10 }, { passes: 3, trials: 10 }, 'greater'),
      12,
    );
  });

  it('rejects counts that are not a share', () => {
    expect(() => fisherExactTest({ passes: 4, trials: 3 }, { passes: 1, trials: 3 }, 'greater')).toThrow(RangeError);
  });
});
