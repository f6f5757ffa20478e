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
    expect(accounting).toEqual({ state: REFINE_1_STATE, resolved: ['digit_input', 'operator_handling', 'equals_function'], written: ['digit_input', 'operator_handling', 'equals_function'], mends: [], issues: [] });
  });

  it('accepts re-listed unchanged tasks in either mode (a full answer is a valid changes answer)', () => {
    expect(accountTasks(INIT_STATE, REFINE_1_STATE, 'changes')).toMatchObject({ state: REFINE_1_STATE, issues: [], written: ['digit_input', 'operator_handling', 'equals_function'] });
    expect(accountTasks(INIT_STATE, REFINE_1_STATE, 'full')).toMatchObject({ state: REFINE_1_STATE, issues: [] });
  });

  it('a dropped unsolved task is mended: restored unsolved, never counted as resolved, no issue', () => {
    const answer = { ...REFINE_1_CHANGES, unsolved_tasks: [] };
    const accounting = accountTasks(INIT_STATE, answer, 'changes');
    expect(accounting.issues).toEqual([]);
    expect(accounting.mends).toEqual([{ kind: 'unsolved-task-restored', task: 'keyboard_support', message: expect.stringContaining('restored unsolved with its blockers') }]);
    expect(accounting.state).toEqual(REFINE_1_STATE);
    expect(accounting.resolved).toEqual(['digit_input', 'operator_handling', 'equals_function']);
  });

  it('a renamed unsolved task is restored beside the new name, and the mend names the rename', () => {
    const renamed = { ...INIT_STATE.unsolved_tasks[3]!, name: 'keyboard_handling' };
    const accounting = accountTasks(INIT_STATE, { ...REFINE_1_CHANGES, unsolved_tasks: [renamed] }, 'changes');
    expect(accounting.issues).toEqual([]);
    expect(accounting.mends).toEqual([expect.objectContaining({ kind: 'unsolved-task-restored', message: expect.stringContaining('if "keyboard_handling" is "keyboard_support" renamed, both stay open') })]);
    expect(accounting.state.unsolved_tasks.map((task) => task.name)).toEqual(['keyboard_handling', 'keyboard_support']);
  });

  it('a solved task moved back to unsolved is an issue; it stays solved with its code', () => {
    const answer = { ...REFINE_1_CHANGES, unsolved_tasks: [...REFINE_1_CHANGES.unsolved_tasks, { name: 'styles', what_i_know: '', blockers: ['Which colours?'] }] };
    const accounting = accountTasks(INIT_STATE, answer, 'changes');
    expect(accounting.issues).toEqual([expect.stringContaining('the solved task "styles" was moved back to unsolved_tasks')]);
    expect(accounting.state.solved_tasks.find((task) => task.name === 'styles')).toEqual(INIT_STATE.solved_tasks[3]);
    expect(accounting.state.unsolved_tasks.map((task) => task.name)).toEqual(['keyboard_support']);
  });

  it('in full mode a solved task left out is carried over unchanged (a mend); in changes mode it is no slip at all', () => {
    const answer = { ...REFINE_1_STATE, solved_tasks: REFINE_1_STATE.solved_tasks.filter((task) => task.name !== 'markup') };
    const full = accountTasks(INIT_STATE, answer, 'full');
    expect(full.issues).toEqual([]);
    expect(full.mends).toEqual([{ kind: 'solved-task-carried-over', task: 'markup', message: expect.stringContaining('carried over unchanged') }]);
    expect(full.state).toEqual(REFINE_1_STATE);
    expect(full.resolved).toEqual(['digit_input', 'operator_handling', 'equals_function']);
    expect(accountTasks(INIT_STATE, answer, 'changes')).toMatchObject({ issues: [], mends: [], state: REFINE_1_STATE });
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
    expect(accounting.issues).toEqual([]);
    expect(accounting.mends).toEqual([expect.objectContaining({ kind: 'unsolved-task-restored', message: expect.stringContaining('"equals_function" names it in resolves, but its code is unchanged') })]);
    expect(accounting.state.unsolved_tasks).toEqual([FIX_TASK]);
  });

  it('a resolves entry naming no open task is dropped from the saved task; the rest of the answer counts', () => {
    const keyboard = { name: 'keyboard_support', solution_code: `${KEYBOARD_CODE}\n`, resolves: ['fix_rule_9', 'styles'] };
    const accounting = accountTasks(BUGGY, { solved_tasks: [keyboard], unsolved_tasks: [FIX_TASK], blocker_answers: [] }, 'changes');
    expect(accounting.issues).toEqual([]);
    expect(accounting.mends.map((mend) => [mend.kind, mend.task])).toEqual([
      ['resolves-unknown-task', 'fix_rule_9'],
      ['resolves-unknown-task', 'styles'],
    ]);
    expect(accounting.resolved).toEqual([]);
    expect(accounting.written).toEqual(['keyboard_support']);
    expect(accounting.state.solved_tasks.find((task) => task.name === 'keyboard_support')).toEqual({ name: 'keyboard_support', solution_code: keyboard.solution_code });
    expect(accounting.state.unsolved_tasks).toEqual([FIX_TASK]);
  });

  it('a resolves entry whose task the answer still lists unsolved is dropped, and the task stays open', () => {
    const stillOpen = { solved_tasks: [{ name: 'equals_function', solution_code: EQUALS_CODE, resolves: ['fix_rule_3'] }], unsolved_tasks: [FIX_TASK], blocker_answers: [] };
    const accounting = accountTasks(BUGGY, stillOpen, 'changes');
    expect(accounting.issues).toEqual([]);
    expect(accounting.mends).toEqual([expect.objectContaining({ kind: 'resolves-task-still-open', task: 'fix_rule_3' })]);
    expect(accounting.resolved).toEqual([]);
    expect(accounting.state.unsolved_tasks).toEqual([FIX_TASK]);
    expect(accounting.state.solved_tasks.find((task) => task.name === 'equals_function')).toEqual({ name: 'equals_function', solution_code: EQUALS_CODE });
  });

  it('blocker answers given twice in one answer are merged', () => {
    const answer = { ...REFINE_1_CHANGES, blocker_answers: ['Escape clears.', 'escape  clears', 'Enter acts as =.'] };
    const accounting = accountTasks(INIT_STATE, answer, 'changes');
    expect(accounting.state.blocker_answers).toEqual(['Escape clears.', 'Enter acts as =.']);
    expect(accounting.mends).toEqual([{ kind: 'blocker-answers-merged', message: expect.stringContaining('1 blocker answer(s) given twice') }]);
  });

  it('adds only new blocker answers', () => {
    const previous = { ...INIT_STATE, blocker_answers: ['Escape clears.'] };
    const answer = { ...INIT_STATE, solved_tasks: [], blocker_answers: ['Escape clears.', 'Enter acts as =.'] };
    expect(accountTasks(previous, answer, 'changes').state.blocker_answers).toEqual(['Escape clears.', 'Enter acts as =.']);
  });
});
