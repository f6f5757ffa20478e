import { describe, expect, it } from 'vitest';
import { judgedRound } from '../test-support/round-summary.js';
import { anchorRound, compareToAnchor, fullTitle, isBetterRound } from './test-anchors.js';

describe('test anchors', () => {
  it('names the tests a round fixed and the ones it broke, against its anchor', () => {
    const anchor = judgedRound(1, ['a', 'b']);
    expect(compareToAnchor(anchor, ['g › b', 'g › c'])).toEqual({ fixedTitles: ['g › a'], regressedTitles: ['g › c'] });
    expect(compareToAnchor(undefined, ['g › a'])).toEqual({ fixedTitles: [], regressedTitles: [] });
  });

  it('never counts a test the anchor could not judge as a regression', () => {
    const anchor = judgedRound(1, ['a'], { judgeErrorTitles: ['g › b'] });
    expect(compareToAnchor(anchor, ['g › a', 'g › b']).regressedTitles).toEqual([]);
  });

  it('takes a strictly better round, keeps the earlier one on a tie, and never takes a regression', () => {
    expect(isBetterRound(judgedRound(2, ['a']), { passed: 3 })).toBe(false);
    expect(isBetterRound(judgedRound(2, []), { passed: 3 })).toBe(true);
    expect(isBetterRound(judgedRound(1, ['a', 'b', 'c', 'd']), undefined)).toBe(true);
    // Passes more tests, but broke one the anchor passed: never the result.
    expect(isBetterRound(judgedRound(2, ['c'], { regressedTitles: ['g › c'] }), { passed: 2 })).toBe(false);
  });

  it('anchors each attempt on its own best round', () => {
    const rounds = [
      judgedRound(1, ['a', 'b']),
      judgedRound(2, ['a']),
      judgedRound(3, ['c'], { regressedTitles: ['g › c'] }),
      judgedRound(4, ['a', 'b', 'c'], { kind: 'restart', attempt: 2 }),
    ];
    expect(anchorRound(rounds, 1)?.round).toBe(2);
    expect(anchorRound(rounds, 2)?.round).toBe(4);
    expect(anchorRound(rounds, 3)).toBeUndefined();
  });

  it('identifies a test by its describe path and title', () => {
    expect(fullTitle({ describePath: ['display', 'keys'], title: 'adds' })).toBe('display › keys › adds');
    expect(fullTitle({ describePath: [], title: 'adds' })).toBe('adds');
  });
});
