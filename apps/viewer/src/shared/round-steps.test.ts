import { describe, expect, it } from 'vitest';
import { CallRecordSchema, VerdictSchema } from './run-schemas.js';
import { roundSteps } from './round-steps.js';

const call = (phase: string, iteration = 0) => ({ file: `calls/${phase}.json`, record: CallRecordSchema.parse({ phase, iteration }) });
const state = (name: string) => ({ name });

describe('roundSteps', () => {
  it('puts each call before the state it produced, GENERATE after the final state, the verdict last', () => {
    const steps = roundSteps({
      calls: [call('init'), call('refine', 1), call('refine', 1), call('refine', 2), call('generate')],
      states: [state('state_init'), state('state_refine_1'), state('state_refine_2'), state('state_final')],
      verdict: VerdictSchema.parse({}),
    });
    expect(steps).toEqual([
      { kind: 'call', index: 0 },
      { kind: 'state', index: 0 },
      { kind: 'call', index: 1 },
      { kind: 'call', index: 2 },
      { kind: 'state', index: 1 },
      { kind: 'call', index: 3 },
      { kind: 'state', index: 2 },
      { kind: 'state', index: 3 },
      { kind: 'call', index: 4 },
      { kind: 'verdict' },
    ]);
  });

  it('shows a round with no verdict yet (still running) without one', () => {
    expect(roundSteps({ calls: [call('fix')], states: [state('state_fix')] })).toEqual([
      { kind: 'call', index: 0 },
      { kind: 'state', index: 0 },
    ]);
  });
});
