import { describe, expect, it } from 'vitest';
import { scheduleMutants, untriedTests } from './schedule-mutants.js';

const coverage = new Map<string, Set<string>>([
  ['narrow', new Set(['1'])],
  ['broad', new Set(['1', '2', '3'])],
  ['middle', new Set(['2', '3'])],
]);

describe('scheduleMutants', () => {
  it('gives each mutant its broadest untried test first, spreading mutants over tests', () => {
    const schedule = scheduleMutants({ mutantIds: ['1', '2', '3'], coverage, tried: new Map(), testsPerMutant: 1 });
    // 1 takes broad; 2 finds broad loaded and takes the next broadest, middle; 3 finds both loaded once, takes broad.
    expect(schedule).toEqual({ broad: ['1', '3'], middle: ['2'] });
  });

  it('gives every untried test that reaches the mutant when there is no limit', () => {
    const tried = new Map([['1', new Set(['broad'])]]);
    const schedule = scheduleMutants({ mutantIds: ['1'], coverage, tried, testsPerMutant: Number.POSITIVE_INFINITY });
    expect(schedule).toEqual({ narrow: ['1'] });
  });

  it('schedules nothing for a mutant no test reaches', () => {
    expect(scheduleMutants({ mutantIds: ['9'], coverage, tried: new Map(), testsPerMutant: 3 })).toEqual({});
    expect(untriedTests('9', coverage, new Map())).toEqual([]);
  });
});
