import { MockModel } from '@ndli/models/testing';
import { describe, expect, it } from 'vitest';
import type { LatentEvent } from '../events.js';
import type { CallFileRecord, PhaseContext } from '../phase-context.js';
import { resolveSettings } from '../settings.js';
import { CALCULATOR_HTML, CALCULATOR_TASK, INIT_STATE, REFINE_1_STATE, artifactJson, stateJson } from '../test-fixtures/calculator-states.js';
import { generatePhase, unwrapCodeFence } from './generate-phase.js';
import { initPhase } from './init-phase.js';
import { refinePhase } from './refine-phase.js';

function context(responses: string[]): { context: PhaseContext; model: MockModel; calls: CallFileRecord[]; events: LatentEvent[] } {
  const model = new MockModel({ responses });
  const calls: CallFileRecord[] = [];
  const events: LatentEvent[] = [];
  return {
    model,
    calls,
    events,
    context: { model, settings: resolveSettings({ minSolvePerIteration: 3 }), recordCall: async (record) => void calls.push(record), emit: (event) => void events.push(event) },
  };
}

describe('phases called on their own', () => {
  it('initPhase returns the checked state and its token count', async () => {
    const { context: phaseContext, calls } = context([stateJson(INIT_STATE)]);
    const outcome = await initPhase({ context: phaseContext, task: CALCULATOR_TASK, artifactFileName: 'calculator.html' });
    expect(outcome.value).toEqual(INIT_STATE);
    expect(outcome.attempts).toBe(1);
    expect(outcome.tokens.completion).toBe(Math.ceil(stateJson(INIT_STATE).length / 4));
    expect(calls).toHaveLength(1);
  });

  it('refinePhase asks for minSolvePerIteration and merges a changes answer into the complete state (scripted answer)', async () => {
    const changes = { ...REFINE_1_STATE, solved_tasks: REFINE_1_STATE.solved_tasks.slice(INIT_STATE.solved_tasks.length) };
    const { context: phaseContext, model, events } = context([stateJson(changes)]);
    const outcome = await refinePhase({ context: phaseContext, task: CALCULATOR_TASK, artifactFileName: 'calculator.html', state: INIT_STATE, iteration: 1 });
    expect(model.requests[0]?.prompt).toContain('solve at least 3 unsolved task(s)');
    expect(model.requests[0]?.prompt).toContain('Answer the 7 open blocker(s)');
    expect(model.requests[0]?.prompt).toContain('Return only the changes');
    expect(outcome.value.state).toEqual(REFINE_1_STATE);
    expect(outcome.value.resolved).toEqual(['digit_input', 'operator_handling', 'equals_function']);
    expect(outcome.value.newlySolved).toEqual(['digit_input', 'operator_handling', 'equals_function']);
    expect(events).toEqual([]);
  });

  it('refinePhase in full mode asks for the complete state and carries over a solved task left out, in one call (scripted answer)', async () => {
    const dropped = { ...REFINE_1_STATE, solved_tasks: REFINE_1_STATE.solved_tasks.filter((task) => task.name !== 'styles') };
    const { context: phaseContext, model, calls, events } = context([stateJson(dropped)]);
    const fullContext = { ...phaseContext, settings: resolveSettings({ minSolvePerIteration: 3, refineOutput: 'full' }) };
    const outcome = await refinePhase({ context: fullContext, task: CALCULATOR_TASK, artifactFileName: 'calculator.html', state: INIT_STATE, iteration: 1 });
    expect(model.requests[0]?.prompt).toContain('Return the complete new state');
    expect(model.requests).toHaveLength(1);
    expect(outcome.attempts).toBe(1);
    expect(outcome.value.state).toEqual(REFINE_1_STATE);
    const mend = { kind: 'solved-task-carried-over', task: 'styles', message: expect.stringContaining('carried over unchanged') };
    expect(outcome.value.mends).toEqual([mend]);
    expect(calls[0]).toMatchObject({ error: undefined, mends: [mend] });
    expect(events).toEqual([expect.objectContaining({ type: 'warning', phase: 'refine', iteration: 1, mend })]);
  });

  it('generatePhase returns the document', async () => {
    const { context: phaseContext } = context([artifactJson(CALCULATOR_HTML)]);
    const outcome = await generatePhase({ context: phaseContext, task: CALCULATOR_TASK, artifactFileName: 'calculator.html', state: REFINE_1_STATE });
    expect(outcome.value.html).toBe(CALCULATOR_HTML);
  });
});

describe('unwrapCodeFence', () => {
  it('removes a surrounding fence only', () => {
    expect(unwrapCodeFence('```html\n<html></html>\n```')).toBe('<html></html>\n');
    expect(unwrapCodeFence('<html><script>const s = "```";</script></html>')).toBe('<html><script>const s = "```";</script></html>');
  });
});
