import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReasoningState } from './reasoning-state.js';
import type { MendKind } from './state/mends.js';
import {
  CALCULATOR_HTML,
  DIGIT_CODE,
  EQUALS_CODE,
  INIT_STATE,
  OPERATOR_CODE,
  REFINE_1_STATE,
  REFINE_2_STATE,
  artifactJson,
  stateJson,
} from './test-fixtures/calculator-states.js';
import { readEvents, readJson } from './test-fixtures/run-files.js';
import { runScripted } from './test-fixtures/scripted-loop.js';

// Every model answer below is SCRIPTED (hand-written), shaped like the slips small models make.

/** REFINE 1 as a changes answer: the three solved tasks it adds, keyboard_support still open. */
const REFINE_1_CHANGES: ReasoningState = { ...REFINE_1_STATE, solved_tasks: REFINE_1_STATE.solved_tasks.slice(INIT_STATE.solved_tasks.length) };

interface Slip {
  name: string;
  kind: MendKind;
  answer: ReasoningState;
  refineOutput: 'changes' | 'full';
}

const SLIPS: Slip[] = [
  {
    name: 'a resolves entry naming no open task (the "calculator" slip)',
    kind: 'resolves-unknown-task',
    answer: { ...REFINE_1_CHANGES, solved_tasks: REFINE_1_CHANGES.solved_tasks.map((task) => ({ ...task, resolves: ['calculator'] })) },
    refineOutput: 'changes',
  },
  {
    name: 'a resolves entry whose task is still listed unsolved',
    kind: 'resolves-task-still-open',
    answer: { ...REFINE_1_CHANGES, solved_tasks: REFINE_1_CHANGES.solved_tasks.map((task, index) => (index === 0 ? { ...task, resolves: ['keyboard_support'] } : task)) },
    refineOutput: 'changes',
  },
  {
    name: 'a dropped unsolved task',
    kind: 'unsolved-task-restored',
    answer: { ...REFINE_1_CHANGES, unsolved_tasks: [] },
    refineOutput: 'changes',
  },
  {
    name: 'a solved task left out of a full answer',
    kind: 'solved-task-carried-over',
    answer: { ...REFINE_1_STATE, solved_tasks: REFINE_1_STATE.solved_tasks.filter((task) => task.name !== 'markup') },
    refineOutput: 'full',
  },
  {
    name: 'a blocker answer given twice',
    kind: 'blocker-answers-merged',
    answer: { ...REFINE_1_CHANGES, blocker_answers: [...REFINE_1_STATE.blocker_answers, REFINE_1_STATE.blocker_answers[0]!.toUpperCase()] },
    refineOutput: 'changes',
  },
];

describe('runLatentLoop: a mechanical slip is mended in the same call (scripted answers)', () => {
  for (const slip of SLIPS) {
    it(`${slip.name}: one call, a warning, recorded, nothing lost`, async () => {
      const { model, directory, events, result } = await runScripted([stateJson(INIT_STATE), stateJson(slip.answer), stateJson(REFINE_2_STATE), artifactJson(CALCULATOR_HTML)], {
        settings: { refineOutput: slip.refineOutput },
      });
      // One call for the round: no retry.
      expect(result).toMatchObject({ endReason: 'all-solved', calls: 4, retries: 0 });
      expect(model.requests[2]?.prompt).not.toContain('rejected');
      // Nothing lost: the round's state is what the clean answer makes.
      expect(await readJson(join(directory, 'state_refine_1.json'))).toEqual(REFINE_1_STATE);
      // Progress counts only what was really resolved (keyboard_support stays open in every case).
      expect(result.iterations[0]).toMatchObject({ status: 'accepted', resolved: ['digit_input', 'operator_handling', 'equals_function'] });
      const mend = expect.objectContaining({ kind: slip.kind });
      // Visible as a warning event (events.jsonl), in the call record and in the round's history.
      const warnings = (await readEvents(directory)).filter((event) => event.type === 'warning');
      expect(warnings.length).toBeGreaterThan(0);
      expect(warnings.every((event) => event.type === 'warning' && event.mend?.kind === slip.kind && event.iteration === 1)).toBe(true);
      expect(events.filter((event) => event.type === 'retry')).toEqual([]);
      expect(await readJson(join(directory, 'calls/002-refine.json'))).toMatchObject({ attempt: 1, mends: expect.arrayContaining([mend]) });
      expect(((await readJson(join(directory, 'calls/002-refine.json'))) as { error?: unknown }).error).toBeUndefined();
      const metadata = (await readJson(join(directory, 'run_metadata.json'))) as { iterations: { mends?: unknown[] }[]; retries: number };
      expect(metadata.iterations[0]?.mends).toEqual(expect.arrayContaining([mend]));
      expect(metadata.iterations[1]?.mends).toBeUndefined();
    });
  }

  it('one of each slip in one answer still costs one call', async () => {
    const answer: ReasoningState = {
      solved_tasks: REFINE_1_STATE.solved_tasks.filter((task) => task.name !== 'styles').map((task) => (task.name === 'digit_input' ? { ...task, resolves: ['calculator'] } : task)),
      unsolved_tasks: [],
      blocker_answers: REFINE_1_STATE.blocker_answers,
    };
    const { directory, result } = await runScripted([stateJson(INIT_STATE), stateJson(answer), stateJson(REFINE_2_STATE), artifactJson(CALCULATOR_HTML)], { settings: { refineOutput: 'full' } });
    expect(result).toMatchObject({ calls: 4, retries: 0, endReason: 'all-solved' });
    expect(await readJson(join(directory, 'state_refine_1.json'))).toEqual(REFINE_1_STATE);
    expect(result.iterations[0]?.mends?.map((mend) => mend.kind)).toEqual(['resolves-unknown-task', 'solved-task-carried-over', 'unsolved-task-restored']);
  });
});

interface Unusable {
  name: string;
  answer: string;
  code: string;
  says: string;
}

const UNUSABLE: Unusable[] = [
  { name: 'not JSON', answer: 'Sure! I solved digit input, operators and equals.', code: 'MODEL_OUTPUT_INVALID_JSON', says: 'MODEL_OUTPUT_INVALID_JSON' },
  {
    name: 'a schema mismatch (solution_code missing)',
    answer: JSON.stringify({ ...REFINE_1_CHANGES, solved_tasks: [{ name: 'digit_input', code: DIGIT_CODE }] }),
    code: 'MODEL_OUTPUT_SCHEMA_MISMATCH',
    says: 'solved_tasks.0.solution_code',
  },
  { name: 'no task at all', answer: stateJson({ solved_tasks: [], unsolved_tasks: [], blocker_answers: ['All done.'] }), code: 'PHASE_CHECK_FAILED', says: 'no task at all' },
  {
    name: 'code that does not parse',
    answer: stateJson({ ...REFINE_1_CHANGES, solved_tasks: [{ name: 'digit_input', solution_code: 'Append the pressed digit to the display unless it shows 0.' }, ...REFINE_1_CHANGES.solved_tasks.slice(1)] }),
    code: 'PHASE_CHECK_FAILED',
    says: '("digit_input") is not parseable code',
  },
  {
    name: 'ambiguous duplicate task names',
    answer: stateJson({ ...REFINE_1_CHANGES, solved_tasks: [...REFINE_1_CHANGES.solved_tasks, { name: 'operator_handling', solution_code: `${OPERATOR_CODE}\n// other` }] }),
    code: 'PHASE_CHECK_FAILED',
    says: 'the task name "operator_handling" appears more than once',
  },
  {
    name: 'a task both solved and unsolved',
    answer: stateJson({ ...REFINE_1_CHANGES, solved_tasks: [...REFINE_1_CHANGES.solved_tasks, { name: 'keyboard_support', solution_code: `${EQUALS_CODE}\n` }] }),
    code: 'PHASE_CHECK_FAILED',
    says: 'the task "keyboard_support" is in both solved_tasks and unsolved_tasks',
  },
];

describe('runLatentLoop: an answer the loop cannot use costs a retry (scripted answers)', () => {
  for (const unusable of UNUSABLE) {
    it(`${unusable.name}: retried with the issue stated`, async () => {
      const { model, directory, events, result } = await runScripted([stateJson(INIT_STATE), unusable.answer, stateJson(REFINE_1_CHANGES), stateJson(REFINE_2_STATE), artifactJson(CALCULATOR_HTML)]);
      expect(result).toMatchObject({ endReason: 'all-solved', calls: 5, retries: 1 });
      expect(events).toContainEqual(expect.objectContaining({ type: 'retry', phase: 'refine', iteration: 1, attempt: 2, code: unusable.code }));
      expect(model.requests[2]?.prompt).toContain(unusable.says);
      expect(await readJson(join(directory, 'calls/002-refine.json'))).toMatchObject({ error: { code: unusable.code }, mends: [] });
      expect(await readJson(join(directory, 'state_refine_1.json'))).toEqual(REFINE_1_STATE);
    });
  }
});
