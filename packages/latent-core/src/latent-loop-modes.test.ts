import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelAbortedError, ModelUnreachableError } from '@ndli/models';
import { MockModel } from '@ndli/models/testing';
import { describe, expect, it } from 'vitest';
import { LatentInputError, LoopInterruptedError } from './errors.js';
import type { LatentEvent } from './events.js';
import { runLatentLoop } from './latent-loop.js';
import type { ReasoningState } from './reasoning-state.js';
import {
  BUGGY_EQUALS_CODE,
  CALCULATOR_HTML,
  CALCULATOR_TASK,
  EQUALS_CODE,
  INIT_STATE,
  REFINE_1_STATE,
  REFINE_2_STATE,
  artifactJson,
  stateJson,
  temporaryDirectory,
} from './test-fixtures/calculator-states.js';
import { listFiles, readEvents, readJson } from './test-fixtures/run-files.js';

const base = { task: CALCULATOR_TASK, artifactFileName: 'calculator.html' };

describe('runLatentLoop: FIX mode', () => {
  const buggyState: ReasoningState = {
    ...REFINE_2_STATE,
    solved_tasks: REFINE_2_STATE.solved_tasks.map((task) => (task.name === 'equals_function' ? { ...task, solution_code: BUGGY_EQUALS_CODE } : task)),
  };
  const failures = [
    {
      name: 'division_by_zero_shows_error',
      what_i_know: 'Test "8 / 0 = shows Error" failed: expected #display to be "Error", got "Infinity". Actions: press 8, /, 0, =.',
      blockers: ['Why does 8 / 0 = show Infinity instead of Error in evaluate()?'],
    },
    { name: 'equals_function', blockers: ['Why does 2 + = show NaN?'] },
  ];

  it('merges failures into the last state (state_fix.json), refines, lets REFINE replace the buggy task, generates', async () => {
    const fixed: ReasoningState = {
      solved_tasks: [
        ...REFINE_2_STATE.solved_tasks,
        { name: 'division_by_zero_shows_error', solution_code: "if (pendingOperator === '/' && b === 0) { displayValue = 'Error'; updateDisplay(); return; }" },
        { name: 'equals_function_fix', solution_code: "if (Number.isNaN(b)) { return; } // guard for 2 + = before evaluating" },
      ],
      unsolved_tasks: [],
      blocker_answers: [...REFINE_2_STATE.blocker_answers, '8 / 0 must show Error: check b === 0 before dividing.'],
    };
    const model = new MockModel({ responses: [stateJson(fixed), artifactJson(CALCULATOR_HTML)] });
    const directory = await temporaryDirectory();
    const events: LatentEvent[] = [];
    const result = await runLatentLoop({ ...base, model, directory, mode: { kind: 'fix', previousState: buggyState, failures }, onEvent: (event) => events.push(event) });

    const fixState = (await readJson(join(directory, 'state_fix.json'))) as ReasoningState;
    expect(fixState.solved_tasks).toEqual(buggyState.solved_tasks);
    expect(fixState.unsolved_tasks).toEqual([
      failures[0],
      { name: 'equals_function_fix', what_i_know: '', blockers: ['Why does 2 + = show NaN?'] },
    ]);
    // The REFINE prompt carries the failures as blockers, on top of the buggy code.
    expect(model.requests[0]?.prompt).toContain('Why does 8 / 0 = show Infinity instead of Error in evaluate()?');
    expect(model.requests[0]?.prompt).toContain(JSON.stringify(BUGGY_EQUALS_CODE));
    expect(result.finalState?.solved_tasks.find((task) => task.name === 'equals_function')?.solution_code).toBe(EQUALS_CODE);
    expect(result).toMatchObject({ mode: 'fix', endReason: 'all-solved', refinements: 1, calls: 2 });
    expect(events.slice(1, 3)).toEqual([
      { type: 'phase-start', phase: 'fix', iteration: 0, blockers: 0, failures: 2 },
      expect.objectContaining({ type: 'phase-end', phase: 'fix', solved: 8, unsolved: 2, blockers: 2 }),
    ]);
    expect(await listFiles(directory)).toEqual([
      'calculator.html',
      'calls/001-refine.json',
      'calls/002-generate.json',
      'events.jsonl',
      'run_metadata.json',
      'state_final.json',
      'state_fix.json',
      'state_refine_1.json',
    ]);
    expect(await readJson(join(directory, 'run_metadata.json'))).toMatchObject({ mode: 'fix', status: 'completed' });
  });

  it('refuses failures that are not unsolved tasks', async () => {
    const model = new MockModel({ responses: [] });
    const directory = await temporaryDirectory();
    const promise = runLatentLoop({ ...base, model, directory, mode: { kind: 'fix', previousState: REFINE_2_STATE, failures: [{ name: 'x', blockers: [] }] } });
    await expect(promise).rejects.toThrow(LatentInputError);
    expect(await readJson(join(directory, 'run_metadata.json'))).toMatchObject({ status: 'error', error: { code: 'LATENT_INPUT_INVALID' } });
  });
});

describe('runLatentLoop: one-shot', () => {
  it('makes a single GENERATE call from the task alone', async () => {
    const model = new MockModel({ responses: [artifactJson(CALCULATOR_HTML)] });
    const directory = await temporaryDirectory();
    const result = await runLatentLoop({ ...base, model, directory, mode: { kind: 'one-shot' } });
    expect(result).toMatchObject({ mode: 'one-shot', endReason: 'one-shot', finalState: undefined, refinements: 0, calls: 1 });
    expect(result.artifact.html).toBe(CALCULATOR_HTML);
    expect(model.requests).toHaveLength(1);
    expect(model.requests[0]?.schemaName).toBe('generated_artifact');
    expect(model.requests[0]?.prompt).toContain(CALCULATOR_TASK);
    expect(model.requests[0]?.prompt).not.toContain('solved_tasks');
    expect(await listFiles(directory)).toEqual(['calculator.html', 'calls/001-one-shot.json', 'events.jsonl', 'run_metadata.json']);
  });

  it('unwraps a Markdown fence around the document', async () => {
    const model = new MockModel({ responses: [artifactJson(`\`\`\`html\n${CALCULATOR_HTML}\`\`\``)] });
    const result = await runLatentLoop({ ...base, model, directory: await temporaryDirectory(), mode: { kind: 'one-shot' } });
    expect(result.artifact.html).toBe(CALCULATOR_HTML);
  });
});

describe('runLatentLoop: resume', () => {
  it('continues after a crash from state_refine_1, without redoing INIT, numbering calls on', async () => {
    const directory = await temporaryDirectory();
    const unreachable = new ModelUnreachableError({ provider: 'mock', modelId: 'mock-model', baseUrl: 'http://localhost:1234', hint: 'Start LM Studio' });
    const crashing = new MockModel({ responses: [stateJson(INIT_STATE), stateJson(REFINE_1_STATE), unreachable] });
    await expect(runLatentLoop({ ...base, model: crashing, directory })).rejects.toBe(unreachable);
    expect(await readJson(join(directory, 'run_metadata.json'))).toMatchObject({ status: 'error', error: { code: 'MODEL_UNREACHABLE' }, calls: 3 });
    expect(await readJson(join(directory, 'state_refine_1.json'))).toEqual(REFINE_1_STATE);

    const resumed = new MockModel({ responses: [stateJson(REFINE_2_STATE), artifactJson(CALCULATOR_HTML)] });
    const events: LatentEvent[] = [];
    const result = await runLatentLoop({ ...base, model: resumed, directory, resume: true, onEvent: (event) => events.push(event) });
    expect(resumed.requests.map((request) => request.schemaName)).toEqual(['reasoning_state', 'generated_artifact']);
    expect(resumed.requests[0]?.prompt).toContain(JSON.stringify(REFINE_1_STATE, null, 2));
    expect(resumed.requests[0]?.prompt).toContain('refinement round 2');
    expect(result).toMatchObject({ resumedFrom: 'state_refine_1.json', endReason: 'all-solved', refinements: 2, calls: 5, finalState: REFINE_2_STATE });
    expect(events[0]).toMatchObject({ type: 'loop-start', resumedFrom: 'state_refine_1.json' });
    expect(events[1]).toMatchObject({ type: 'phase-start', phase: 'refine', iteration: 2 });
    expect(await listFiles(directory)).toEqual([
      'calculator.html',
      'calls/001-init.json',
      'calls/002-refine.json',
      'calls/003-refine.json',
      'calls/004-refine.json',
      'calls/005-generate.json',
      'events.jsonl',
      'run_metadata.json',
      'state_final.json',
      'state_init.json',
      'state_refine_1.json',
      'state_refine_2.json',
    ]);
    expect(await readJson(join(directory, 'calls/003-refine.json'))).toMatchObject({ iteration: 2, rawText: null, error: { code: 'MODEL_UNREACHABLE' } });
    const metadata = (await readJson(join(directory, 'run_metadata.json'))) as { status: string; resumedAt: string[]; calls: number; error: unknown };
    expect(metadata).toMatchObject({ status: 'completed', calls: 5, error: null });
    expect(metadata.resumedAt).toHaveLength(1);

    // Everything done: a third run returns the saved result without a call.
    const idle = new MockModel({ responses: [] });
    const again = await runLatentLoop({ ...base, model: idle, directory, resume: true });
    expect(idle.requests).toHaveLength(0);
    expect(again).toMatchObject({ resumedFrom: 'calculator.html', endReason: 'all-solved', refinements: 2, finalState: REFINE_2_STATE, calls: 5 });
    expect(again.artifact.html).toBe(CALCULATOR_HTML);
  });

  it('resumes GENERATE alone when state_final exists but the artifact does not', async () => {
    const directory = await temporaryDirectory();
    const failing = new MockModel({ responses: [stateJson(REFINE_2_STATE), 'no', 'no', 'no'] });
    await expect(runLatentLoop({ ...base, model: failing, directory })).rejects.toThrow(/generate phase/);
    const resumed = new MockModel({ responses: [artifactJson(CALCULATOR_HTML)] });
    const result = await runLatentLoop({ ...base, model: resumed, directory, resume: true });
    expect(resumed.requests.map((request) => request.schemaName)).toEqual(['generated_artifact']);
    expect(result).toMatchObject({ resumedFrom: 'state_final.json', endReason: 'all-solved', calls: 5, retries: 2 });
  });

  it('sets aside an answer whose artifact was never written (killed in between), so the calls on file stay in step', async () => {
    const directory = await temporaryDirectory();
    await runLatentLoop({ ...base, model: new MockModel({ responses: [stateJson(REFINE_2_STATE), artifactJson(CALCULATOR_HTML)] }), directory });
    // As after a kill between GENERATE's call record and its artifact: the answer is on file, its result is not.
    await rm(join(directory, 'calculator.html'));
    const resumed = new MockModel({ responses: [artifactJson(CALCULATOR_HTML)] });
    const result = await runLatentLoop({ ...base, model: resumed, directory, resume: true });
    expect(resumed.requests.map((request) => request.schemaName)).toEqual(['generated_artifact']);
    expect(result).toMatchObject({ resumedFrom: 'state_final.json', endReason: 'all-solved' });
    const files = await listFiles(directory);
    expect(files.filter((file) => file.startsWith('calls/'))).toEqual(['calls/001-init.json', 'calls/002-generate.json', 'calls/superseded/002-generate.json']);
  });

  it('carries the stall count across the interruption', async () => {
    const directory = await temporaryDirectory();
    const crashing = new MockModel({ responses: [stateJson(INIT_STATE), stateJson(INIT_STATE), new Error('socket hang up')] });
    await expect(runLatentLoop({ ...base, model: crashing, directory })).rejects.toThrow('socket hang up');
    const resumed = new MockModel({ responses: [stateJson(INIT_STATE), artifactJson(CALCULATOR_HTML)] });
    const result = await runLatentLoop({ ...base, model: resumed, directory, resume: true });
    expect(result).toMatchObject({ endReason: 'stalled', refinements: 2 });
  });

  it('starts fresh when there is nothing to resume', async () => {
    const model = new MockModel({ responses: [stateJson(REFINE_2_STATE), artifactJson(CALCULATOR_HTML)] });
    const result = await runLatentLoop({ ...base, model, directory: await temporaryDirectory(), resume: true });
    expect(result).toMatchObject({ resumedFrom: undefined, endReason: 'all-solved', calls: 2 });
  });
});

describe('runLatentLoop: abort', () => {
  it('stops between phases, keeps the states so far and marks the run interrupted', async () => {
    const controller = new AbortController();
    const model = new MockModel({
      responses: [
        () => {
          controller.abort();
          return stateJson(INIT_STATE);
        },
      ],
    });
    const directory = await temporaryDirectory();
    await expect(runLatentLoop({ ...base, model, directory, signal: controller.signal })).rejects.toThrow(LoopInterruptedError);
    expect(model.requests).toHaveLength(1);
    expect(await readJson(join(directory, 'state_init.json'))).toEqual(INIT_STATE);
    expect(await readJson(join(directory, 'run_metadata.json'))).toMatchObject({ status: 'interrupted', error: { code: 'LOOP_INTERRUPTED' } });
    const events = await readEvents(directory);
    expect(events.at(-1)).toMatchObject({ type: 'loop-end', status: 'interrupted' });
  });

  it('turns a model call aborted mid-flight into an interrupted run', async () => {
    const controller = new AbortController();
    // What a provider does when the signal fires during a request.
    const model = new MockModel({
      responses: [
        () => {
          controller.abort();
          return new ModelAbortedError({ provider: 'mock', modelId: 'mock-model' });
        },
      ],
    });
    const directory = await temporaryDirectory();
    const error = await runLatentLoop({ ...base, model, directory, signal: controller.signal, mode: { kind: 'one-shot' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LoopInterruptedError);
    expect((error as LoopInterruptedError).cause).toMatchObject({ code: 'MODEL_ABORTED' });
    expect(await readJson(join(directory, 'calls/001-one-shot.json'))).toMatchObject({ error: { code: 'MODEL_ABORTED' } });
    expect(await readJson(join(directory, 'run_metadata.json'))).toMatchObject({ status: 'interrupted' });
  });
});
