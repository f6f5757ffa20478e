import { describe, expect, it } from 'vitest';
import { LatentInputError } from '../errors.js';
import { REFINE_2_STATE } from '../test-fixtures/calculator-states.js';
import { fixPhase } from './fix-phase.js';

const FAILURES = [
  {
    name: 'division_by_zero_shows_error',
    what_i_know: 'Test "8 / 0 = shows Error" failed: expected #display "Error", got "Infinity". Actions: press 8, /, 0, =.',
    blockers: ['Why does 8 / 0 show Infinity instead of Error?'],
  },
  {
    name: 'equals_function',
    blockers: ['Why does pressing = twice show NaN?'],
  },
];

describe('fixPhase', () => {
  it('adds the failures as unsolved tasks first, keeping solved tasks and answers', async () => {
    const state = await fixPhase({ previousState: REFINE_2_STATE, failures: FAILURES });
    expect(state.solved_tasks).toEqual(REFINE_2_STATE.solved_tasks);
    expect(state.blocker_answers).toEqual(REFINE_2_STATE.blocker_answers);
    expect(state.unsolved_tasks).toEqual([
      FAILURES[0],
      { name: 'equals_function_fix', what_i_know: '', blockers: ['Why does pressing = twice show NaN?'] },
    ]);
  });

  it('suffixes repeated clashes deterministically', async () => {
    const failures = [
      { name: 'equals_function', blockers: ['a?'] },
      { name: 'equals_function', blockers: ['b?'] },
      { name: 'equals_function', blockers: ['c?'] },
    ];
    const state = await fixPhase({ previousState: REFINE_2_STATE, failures });
    expect(state.unsolved_tasks.map((task) => task.name)).toEqual(['equals_function_fix', 'equals_function_fix_2', 'equals_function_fix_3']);
  });

  it('rejects failures without blockers and an invalid previous state', async () => {
    await expect(fixPhase({ previousState: REFINE_2_STATE, failures: [{ name: 'x', blockers: [] }] })).rejects.toThrow(LatentInputError);
    await expect(fixPhase({ previousState: REFINE_2_STATE, failures: [] })).rejects.toThrow(/failures/);
    await expect(fixPhase({ previousState: { solved: [] }, failures: FAILURES })).rejects.toThrow(/previous state.*solved_tasks/);
  });
});

describe('fixPhase on an inconsistent previous state', () => {
  it('refuses duplicate names', async () => {
    const previousState = { ...REFINE_2_STATE, solved_tasks: [...REFINE_2_STATE.solved_tasks, REFINE_2_STATE.solved_tasks[0]!] };
    await expect(fixPhase({ previousState, failures: [{ name: 'x', blockers: ['why?'] }] })).rejects.toThrow(/inconsistent.*display_management/);
  });
});
