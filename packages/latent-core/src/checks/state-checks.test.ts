import { describe, expect, it } from 'vitest';
import { INIT_STATE, REFINE_2_STATE } from '../test-fixtures/calculator-states.js';
import { findProseSolutions } from './solution-code-check.js';
import { checkReasoningState } from './state-checks.js';

describe('findProseSolutions', () => {
  it('accepts JavaScript, HTML and CSS solutions', () => {
    expect(findProseSolutions(INIT_STATE)).toEqual([]);
    expect(findProseSolutions(REFINE_2_STATE)).toEqual([]);
  });

  it('names the task whose solution is a description', () => {
    const state = {
      ...INIT_STATE,
      solved_tasks: [
        ...INIT_STATE.solved_tasks,
        { name: 'power_function', solution_code: 'The power function uses Math.pow to raise the first operand to the second.' },
      ],
    };
    const issues = findProseSolutions(state);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toContain('solved_tasks.4.solution_code ("power_function")');
  });
});

describe('checkReasoningState', () => {
  it('passes a good state', () => {
    expect(checkReasoningState(INIT_STATE)).toEqual([]);
  });

  it('rejects a state without any task', () => {
    expect(checkReasoningState({ solved_tasks: [], unsolved_tasks: [], blocker_answers: [] })).toEqual([expect.stringContaining('no tasks')]);
  });

  it('collects issues of every check', () => {
    const state = {
      solved_tasks: [
        { name: 'a', solution_code: 'This will display the value on the screen somehow.' },
        { name: 'a', solution_code: "document.title = 'calculator app';" },
      ],
      unsolved_tasks: [{ name: 'a', what_i_know: '', blockers: ['?'] }],
      blocker_answers: [],
    };
    expect(checkReasoningState(state)).toHaveLength(3);
  });
});

describe('checkReasoningState against the previous state', () => {
  it('judges only solutions the model changed', () => {
    const legacy = { name: 'power_function', solution_code: 'Use Math.pow(a, b) for the power button.' };
    const previous = { ...INIT_STATE, solved_tasks: [...INIT_STATE.solved_tasks, legacy] };
    expect(checkReasoningState(previous, previous)).toEqual([]);
    const rewritten = { ...previous, solved_tasks: [...INIT_STATE.solved_tasks, { ...legacy, solution_code: 'Use Math.pow(a, b) when the power key is pressed.' }] };
    expect(checkReasoningState(rewritten, previous)).toEqual([expect.stringContaining('"power_function"')]);
  });
});
