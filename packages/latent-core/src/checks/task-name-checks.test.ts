import { describe, expect, it } from 'vitest';
import { DISPLAY_CODE, INIT_STATE, REFINE_1_STATE } from '../test-fixtures/calculator-states.js';
import { findDuplicateTaskNames, findTasksBothSolvedAndUnsolved } from './task-name-checks.js';

describe('findDuplicateTaskNames', () => {
  it('accepts a state with unique names', () => {
    expect(findDuplicateTaskNames(INIT_STATE)).toEqual([]);
  });

  it('reports a name used twice in solved_tasks, once', () => {
    const state = {
      ...INIT_STATE,
      solved_tasks: [...INIT_STATE.solved_tasks, { name: 'display_management', solution_code: DISPLAY_CODE }, { name: 'display_management', solution_code: DISPLAY_CODE }],
    };
    const issues = findDuplicateTaskNames(state);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toContain('solved_tasks: the task name "display_management"');
  });

  it('reports a name used twice in unsolved_tasks', () => {
    const state = { ...INIT_STATE, unsolved_tasks: [...INIT_STATE.unsolved_tasks, INIT_STATE.unsolved_tasks[0]!] };
    expect(findDuplicateTaskNames(state)).toEqual([expect.stringContaining('unsolved_tasks: the task name "digit_input"')]);
  });
});

describe('findTasksBothSolvedAndUnsolved', () => {
  it('accepts disjoint lists', () => {
    expect(findTasksBothSolvedAndUnsolved(REFINE_1_STATE)).toEqual([]);
  });

  it('reports a task in both lists', () => {
    const state = { ...REFINE_1_STATE, unsolved_tasks: [...REFINE_1_STATE.unsolved_tasks, { name: 'equals_function', what_i_know: '', blockers: ['Repeat on = = ?'] }] };
    expect(findTasksBothSolvedAndUnsolved(state)).toEqual([expect.stringContaining('"equals_function" is in both')]);
  });
});
