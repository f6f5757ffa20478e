import { describe, expect, it } from 'vitest';
import { INIT_STATE, REFINE_1_STATE } from '../test-fixtures/calculator-states.js';
import { boundBlockerAnswers } from './blocker-answers.js';

describe('boundBlockerAnswers', () => {
  it('retires answers about solved tasks only, keeps those about open tasks and untagged ones', () => {
    const state = {
      ...REFINE_1_STATE,
      blocker_answers: ['[equals_function] Division by zero shows Error.', '[keyboard_support] Escape clears.', 'A second operator replaces the first.', 'digit_input and keyboard_support share inputDigit.'],
    };
    const bounded = boundBlockerAnswers(state, 40);
    expect(bounded.blocker_answers).toEqual(['[keyboard_support] Escape clears.', 'A second operator replaces the first.', 'digit_input and keyboard_support share inputDigit.']);
    expect(bounded.retired_blocker_answers).toEqual(['[equals_function] Division by zero shows Error.']);
  });

  it('merges duplicates that differ in case, spacing or a final full stop', () => {
    const state = { ...INIT_STATE, blocker_answers: ['Enter acts as =.', 'enter  acts as =', 'Escape clears.'] };
    expect(boundBlockerAnswers(state, 40).blocker_answers).toEqual(['Enter acts as =.', 'Escape clears.']);
  });

  it('retires the oldest beyond the cap and keeps what was retired before', () => {
    const state = { ...INIT_STATE, blocker_answers: ['a1 answer', 'a2 answer', 'a3 answer'], retired_blocker_answers: ['old answer'] };
    const bounded = boundBlockerAnswers(state, 2);
    expect(bounded.blocker_answers).toEqual(['a2 answer', 'a3 answer']);
    expect(bounded.retired_blocker_answers).toEqual(['old answer', 'a1 answer']);
  });

  it('leaves a state with nothing to retire as it is', () => {
    expect(boundBlockerAnswers(REFINE_1_STATE, 40)).toEqual(REFINE_1_STATE);
  });
});
