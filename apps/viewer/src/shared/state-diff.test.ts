import { describe, expect, it } from 'vitest';
import { diffStates } from './state-diff.js';

const solved = (name: string, code: string) => ({ name, solution_code: code });
const unsolved = (name: string, blockers: string[] = ['which?']) => ({ name, what_i_know: '', blockers });

describe('diffStates', () => {
  it('sorts every task of the next state into added, resolved, rewritten, still open, reopened or dropped', () => {
    const before = {
      solved_tasks: [solved('markup', '<div id="display"></div>'), solved('format', 'function format(x) { return x; }'), solved('clear', 'function clear() {}')],
      unsolved_tasks: [unsolved('operators'), unsolved('memory'), unsolved('percent')],
      blocker_answers: ['Q1? A1.'],
    };
    const after = {
      solved_tasks: [solved('markup', '<div id="display"></div>'), solved('format', 'function format(x) { return String(x); }'), solved('operators', 'function apply() {}'), solved('history', 'const history = [];')],
      unsolved_tasks: [unsolved('memory'), unsolved('clear')],
      blocker_answers: ['Q1? A1.', 'Q2? A2.'],
    };
    expect(diffStates(before, after)).toEqual({
      added: ['history'],
      resolved: ['operators'],
      rewritten: [{ name: 'format', before: 'function format(x) { return x; }', after: 'function format(x) { return String(x); }' }],
      stillOpen: ['memory'],
      reopened: ['clear'],
      dropped: ['percent'],
      blockerAnswersAdded: ['Q2? A2.'],
    });
  });

  it('counts every task as added when there is no previous state (INIT, a fresh start)', () => {
    const diff = diffStates(undefined, { solved_tasks: [solved('a', 'code of a …')], unsolved_tasks: [unsolved('b')], blocker_answers: ['x'] });
    expect(diff.added).toEqual(['a', 'b']);
    expect(diff.blockerAnswersAdded).toEqual(['x']);
    expect(diff.rewritten).toEqual([]);
  });
});
