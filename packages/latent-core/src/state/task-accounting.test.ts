import { describe, expect, it } from 'vitest';
import type { ReasoningState } from '../reasoning-state.js';
import { BUGGY_EQUALS_CODE, EQUALS_CODE, INIT_STATE, KEYBOARD_CODE, REFINE_1_STATE, REFINE_2_STATE } from '../test-fixtures/calculator-states.js';
import { accountTasks } from './task-accounting.js';

/** Only the solved tasks a changes answer adds. */
const REFINE_1_CHANGES: ReasoningState = { ...REFINE_1_STATE, solved_tasks: REFINE_1_STATE.solved_tasks.slice(INIT_STATE.solved_tasks.length) };

const FIX_TASK = { name: 'fix_rule_3', what_i_know: 'Test "2 + 3 * 4 = gives 20" failed', blockers: ['After 2 + 3 * 4 =, the display shows 14 but the contract requires 20'] };
const BUGGY: ReasoningState = {
  ...REFINE_2_STATE,
  solved_tasks: REFINE_2_STATE.solved_tasks.map((task) => (task.name === 'equals_function' ? { ...task, solution_code: BUGGY_EQUALS_CODE } : task)),
  unsolved_tasks: [FIX_TASK],
};

describe('accountTasks', () => {
  it('merges a changes answer into the complete state and counts the tasks it resolved', () => {
    const accounting = accountTasks(INIT_STATE, REFINE_1_CHANGES, 'changes');
    expect(accounting).toEqual({ state: REFINE_1_STATE, resolved: ['digit_input', 'operator_handling', 'equals_function'], written: ['digit_input', 'operator_handling', 'equals_function'], issues: [] });
  });

  it('accepts re-listed unchanged tasks in either mode (a full answer is a valid changes answer)', () => {
    expect(accountTasks(INIT_STATE, REFINE_1_STATE, 'changes')).toMatchObject({ state: REFINE_1_STATE, issues: [], written: ['digit_input', 'operator_handling', 'equals_function'] });
    expect(accountTasks(INIT_STATE, REFINE_1_STATE, 'full')).toMatchObject({ state: REFINE_1_STATE, issues: [] });
  });

  it('a dropped unsolved task is an issue and stays unsolved in the state', () => {
    const answer = { ...REFINE_1_CHANGES, unsolved_tasks: [] };
    const accounting = accountTasks(INIT_STATE, answer, 'changes');
    expect(accounting.issues).toEqual([expect.stringContaining('the unsolved task "keyboard_support" is missing without being solved')]);
    expect(accounting.state.unsolved_tasks).toEqual([INIT_STATE.unsolved_tasks[3]]);
    expect(accounting.resolved).not.toContain('keyboard_support');
  });

  it('a renamed unsolved task is an issue that names the rename', () => {
    const renamed = { ...INIT_STATE.unsolved_tasks[3]!, name: 'keyboard_handling' };
    const accounting = accountTasks(INIT_STATE, { ...REFINE_1_CHANGES, unsolved_tasks: [renamed] }, 'changes');
    expect(accounting.issues).toEqual([expect.stringContaining('If "keyboard_handling" is "keyboard_support" renamed, keep the name "keyboard_support"')]);
    expect(accounting.state.unsolved_tasks.map((task) => task.name)).toEqual(['keyboard_handling', 'keyboard_support']);
  });

  it('a solved task moved back to unsolved is an issue; it stays solved with its code', () => {
    const answer = { ...REFINE_1_CHANGES, unsolved_tasks: [...REFINE_1_CHANGES.unsolved_tasks, { name: 'styles', what_i_know: '', blockers: ['Which colours?'] }] };
    const accounting = accountTasks(INIT_STATE, answer, 'changes');
    expect(accounting.issues).toEqual([expect.stringContaining('the solved task "styles" was moved back to unsolved_tasks')]);
    expect(accounting.state.solved_tasks.find((task) => task.name === 'styles')).toEqual(INIT_STATE.solved_tasks[3]);
    expect(accounting.state.unsolved_tasks.map((task) => task.name)).toEqual(['keyboard_support']);
  });

  it('in full mode a solved task left out is an issue; in changes mode it is unchanged', () => {
    const answer = { ...REFINE_1_STATE, solved_tasks: REFINE_1_STATE.solved_tasks.filter((task) => task.name !== 'markup') };
    expect(accountTasks(INIT_STATE, answer, 'full').issues).toEqual([expect.stringContaining('the solved task "markup" is missing')]);
    expect(accountTasks(INIT_STATE, answer, 'full').state).toEqual(REFINE_1_STATE);
    expect(accountTasks(INIT_STATE, answer, 'changes').issues).toEqual([]);
  });

  it('a FIX task is resolved by rewritten code that names it in resolves', () => {
    const answer = { solved_tasks: [{ name: 'equals_function', solution_code: EQUALS_CODE, resolves: ['fix_rule_3'] }], unsolved_tasks: [], blocker_answers: [] };
    const accounting = accountTasks(BUGGY, answer, 'changes');
    expect(accounting.issues).toEqual([]);
    expect(accounting.resolved).toEqual(['fix_rule_3']);
    expect(accounting.written).toEqual(['equals_function']);
    expect(accounting.state.unsolved_tasks).toEqual([]);
    expect(accounting.state.solved_tasks.find((task) => task.name === 'equals_function')).toEqual({ name: 'equals_function', solution_code: EQUALS_CODE, resolves: ['fix_rule_3'] });
  });

  it('resolves on unchanged code resolves nothing: the FIX task counts as dropped', () => {
    const answer = { solved_tasks: [{ name: 'equals_function', solution_code: BUGGY_EQUALS_CODE, resolves: ['fix_rule_3'] }], unsolved_tasks: [], blocker_answers: [] };
    const accounting = accountTasks(BUGGY, answer, 'changes');
    expect(accounting.resolved).toEqual([]);
    expect(accounting.issues).toEqual([expect.stringContaining('"equals_function" names it in resolves, but its code is unchanged')]);
    expect(accounting.state.unsolved_tasks).toEqual([FIX_TASK]);
  });

  it('resolves naming a task that is not open, or one still listed open, is an issue', () => {
    const unknown = { solved_tasks: [{ name: 'keyboard_support', solution_code: `${KEYBOARD_CODE}\n`, resolves: ['fix_rule_9'] }], unsolved_tasks: [FIX_TASK], blocker_answers: [] };
    expect(accountTasks(BUGGY, unknown, 'changes').issues).toEqual([expect.stringContaining('resolves "fix_rule_9", which is not an unsolved task')]);
    const stillOpen = { solved_tasks: [{ name: 'equals_function', solution_code: EQUALS_CODE, resolves: ['fix_rule_3'] }], unsolved_tasks: [FIX_TASK], blocker_answers: [] };
    expect(accountTasks(BUGGY, stillOpen, 'changes').issues).toEqual([expect.stringContaining('"fix_rule_3" is still in unsolved_tasks')]);
  });

  it('adds only new blocker answers', () => {
    const previous = { ...INIT_STATE, blocker_answers: ['Escape clears.'] };
    const answer = { ...INIT_STATE, solved_tasks: [], blocker_answers: ['Escape clears.', 'Enter acts as =.'] };
    expect(accountTasks(previous, answer, 'changes').state.blocker_answers).toEqual(['Escape clears.', 'Enter acts as =.']);
  });
});
