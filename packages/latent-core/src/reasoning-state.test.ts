import { describe, expect, it } from 'vitest';
import { ReasoningStateSchema, countBlockers, generatedArtifactJsonSchema, reasoningStateJsonSchema } from './reasoning-state.js';
import { INIT_STATE } from './test-fixtures/calculator-states.js';

// The example state from the seed's README: files written by the Python tool must load unchanged.
const SEED_STATE = {
  solved_tasks: [
    { name: 'display_management', solution_code: "function updateDisplay() { document.getElementById('display').textContent = displayValue; }" },
    { name: 'clear_function', solution_code: "function clearCalculator() { displayValue = '0'; operandA = null; pendingOperator = null; currentState = 'idle'; updateDisplay(); }" },
  ],
  unsolved_tasks: [
    {
      name: 'power_function',
      what_i_know: 'Need to compute x^y using Math.pow()',
      blockers: ['Is power immediate like sqrt, or deferred like addition?', 'Should power button call inputOperator or a special handler?'],
    },
  ],
  blocker_answers: [],
};

describe('ReasoningStateSchema', () => {
  it('reads the seed tool state unchanged', () => {
    expect(ReasoningStateSchema.parse(SEED_STATE)).toEqual(SEED_STATE);
  });

  it('fills the seed defaults for what_i_know and blocker_answers', () => {
    const parsed = ReasoningStateSchema.parse({ solved_tasks: [], unsolved_tasks: [{ name: 'x', blockers: ['Which key?'] }] });
    expect(parsed).toEqual({ solved_tasks: [], unsolved_tasks: [{ name: 'x', what_i_know: '', blockers: ['Which key?'] }], blocker_answers: [] });
  });

  it('enforces the seed constraints: 20-character code, at least one blocker', () => {
    expect(ReasoningStateSchema.safeParse({ solved_tasks: [{ name: 'x', solution_code: 'let a = 1;' }], unsolved_tasks: [] }).success).toBe(false);
    expect(ReasoningStateSchema.safeParse({ solved_tasks: [], unsolved_tasks: [{ name: 'x', blockers: [] }] }).success).toBe(false);
  });

  it('sends every field with its description in the JSON Schema', () => {
    const text = JSON.stringify(reasoningStateJsonSchema);
    expect(text).toContain('COMPLETE executable code');
    expect(text).toContain('SPECIFIC questions');
    expect(text).toContain('"minLength":20');
    expect(text).toContain('"minItems":1');
    const collect = (node: unknown, path: string, out: string[]): void => {
      if (typeof node !== 'object' || node === null) return;
      const properties = (node as { properties?: Record<string, unknown> }).properties;
      for (const [key, value] of Object.entries(properties ?? {})) {
        if (typeof (value as { description?: unknown }).description !== 'string') out.push(`${path}.${key}`);
        collect((value as { items?: unknown }).items ?? value, `${path}.${key}`, out);
      }
    };
    const missing: string[] = [];
    collect(reasoningStateJsonSchema, '', missing);
    expect(missing).toEqual([]);
    expect(JSON.stringify(generatedArtifactJsonSchema)).toContain('COMPLETE single-file HTML document');
  });

  it('counts blockers', () => {
    expect(countBlockers(INIT_STATE)).toBe(7);
  });
});
