import { describe, expect, it } from 'vitest';
import { BUGGY_EQUALS_CODE, EQUALS_CODE, INIT_STATE, REFINE_1_STATE } from '../test-fixtures/calculator-states.js';
import { newlySolvedTaskNames, preserveSolvedTasks } from './preserve-solved-tasks.js';

describe('preserveSolvedTasks', () => {
  it('keeps a complete new state as it is', () => {
    const result = preserveSolvedTasks(INIT_STATE, REFINE_1_STATE);
    expect(result.state).toEqual(REFINE_1_STATE);
    expect(result.restored).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('restores a dropped solved task with its earlier code and warns', () => {
    const next = { ...REFINE_1_STATE, solved_tasks: REFINE_1_STATE.solved_tasks.filter((task) => task.name !== 'clear_function') };
    const result = preserveSolvedTasks(INIT_STATE, next);
    expect(result.restored).toEqual(['clear_function']);
    expect(result.state.solved_tasks.find((task) => task.name === 'clear_function')).toEqual(INIT_STATE.solved_tasks[1]);
    expect(result.warnings).toEqual(['REFINE dropped the solved task "clear_function"; restored its earlier solution']);
  });

  it('lets a solved task with the same name replace the old one (a fix)', () => {
    const previous = { ...REFINE_1_STATE, solved_tasks: REFINE_1_STATE.solved_tasks.map((task) => (task.name === 'equals_function' ? { ...task, solution_code: BUGGY_EQUALS_CODE } : task)) };
    const result = preserveSolvedTasks(previous, REFINE_1_STATE);
    expect(result.state.solved_tasks.find((task) => task.name === 'equals_function')?.solution_code).toBe(EQUALS_CODE);
    expect(result.restored).toEqual([]);
  });

  it('restores a solved task moved back to unsolved, and removes it from unsolved', () => {
    const next = {
      ...INIT_STATE,
      solved_tasks: INIT_STATE.solved_tasks.filter((task) => task.name !== 'styles'),
      unsolved_tasks: [...INIT_STATE.unsolved_tasks, { name: 'styles', what_i_know: '', blockers: ['Which colours?'] }],
    };
    const result = preserveSolvedTasks(INIT_STATE, next);
    expect(result.state.solved_tasks.map((task) => task.name)).toContain('styles');
    expect(result.state.unsolved_tasks.map((task) => task.name)).not.toContain('styles');
    expect(result.warnings[0]).toContain('moved the solved task "styles" back to unsolved');
  });

  it('accumulates blocker answers the model left out', () => {
    const previous = { ...INIT_STATE, blocker_answers: ['Escape clears.'] };
    const next = { ...INIT_STATE, blocker_answers: ['Enter acts as =.'] };
    expect(preserveSolvedTasks(previous, next).state.blocker_answers).toEqual(['Escape clears.', 'Enter acts as =.']);
  });

  it('warns about an unsolved task that vanished without being solved', () => {
    const next = { ...INIT_STATE, unsolved_tasks: INIT_STATE.unsolved_tasks.slice(1) };
    expect(preserveSolvedTasks(INIT_STATE, next).warnings).toEqual(['REFINE dropped the unsolved task "digit_input" without solving it']);
  });
});

describe('newlySolvedTaskNames', () => {
  it('lists the names solved since the previous state', () => {
    expect(newlySolvedTaskNames(INIT_STATE, REFINE_1_STATE)).toEqual(['digit_input', 'operator_handling', 'equals_function']);
    expect(newlySolvedTaskNames(REFINE_1_STATE, REFINE_1_STATE)).toEqual([]);
  });
});
