import { describe, expect, it } from 'vitest';
import { INIT_STATE, REFINE_2_STATE } from '../test-fixtures/calculator-states.js';
import { endReasonAt, isShortRound, nextStep, refineTarget, shortStreakAfter } from './loop-policy.js';

const settings = { stallLimit: 2, maxRefinements: 12 };

describe('loop policy', () => {
  it('targets minSolvePerIteration, or every open task when fewer remain', () => {
    expect([refineTarget(2, 5), refineTarget(2, 1), refineTarget(3, 0)]).toEqual([2, 1, 1]);
  });

  it('a round resolving fewer than its target is short; meeting it resets the streak', () => {
    expect([isShortRound(1, 5, 2), isShortRound(2, 5, 2), isShortRound(1, 1, 2), isShortRound(0, 3, 1)]).toEqual([true, false, false, true]);
    expect([shortStreakAfter(1, true), shortStreakAfter(1, false)]).toEqual([2, 0]);
  });

  it('refines while tasks are open, and stops in the seed order: all solved, stalled, max refinements', () => {
    expect(nextStep({ state: INIT_STATE, refinements: 0, shortStreak: 0 }, settings)).toEqual({ kind: 'refine', iteration: 1 });
    expect(nextStep({ state: REFINE_2_STATE, refinements: 12, shortStreak: 2 }, settings)).toEqual({ kind: 'generate', endReason: 'all-solved' });
    expect(nextStep({ state: INIT_STATE, refinements: 12, shortStreak: 2 }, settings)).toEqual({ kind: 'generate', endReason: 'stalled' });
    expect(nextStep({ state: INIT_STATE, refinements: 12, shortStreak: 1 }, settings)).toEqual({ kind: 'generate', endReason: 'max-refinements' });
    expect(nextStep({ state: INIT_STATE, refinements: 0, shortStreak: 0 }, { stallLimit: 2, maxRefinements: 0 })).toEqual({ kind: 'generate', endReason: 'max-refinements' });
  });

  it('a state with no open task never ends any other way than all-solved', () => {
    expect(endReasonAt({ state: REFINE_2_STATE, refinements: 3, shortStreak: 5 }, settings)).toBe('all-solved');
    expect(endReasonAt({ state: INIT_STATE, refinements: 3, shortStreak: 2 }, settings)).toBe('stalled');
    expect(endReasonAt({ state: INIT_STATE, refinements: 3, shortStreak: 0 }, settings)).toBe('max-refinements');
  });
});
