import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReasoningState } from './reasoning-state.js';
import {
  BUGGY_EQUALS_CODE,
  CALCULATOR_HTML,
  DIGIT_CODE,
  EQUALS_CODE,
  INIT_STATE,
  REFINE_1_STATE,
  REFINE_2_STATE,
  artifactJson,
  stateJson,
} from './test-fixtures/calculator-states.js';
import { readJson } from './test-fixtures/run-files.js';
import { runScripted } from './test-fixtures/scripted-loop.js';

// Every model answer below is SCRIPTED (hand-written), shaped like the bad answers small models give.

const run = runScripted;

const KEYBOARD_TASK = INIT_STATE.unsolved_tasks[3]!;
/** REFINE 1 as a changes answer that also "solves" keyboard_support by deleting it. */
const DROPS_KEYBOARD: ReasoningState = { ...REFINE_1_STATE, solved_tasks: REFINE_1_STATE.solved_tasks.slice(4), unsolved_tasks: [] };

describe('runLatentLoop: every task is accounted for (scripted answers)', () => {
  it('a dropped unsolved task is restored unsolved in the same call, never counted as solved (scripted answers)', async () => {
    const { model, directory, events, result } = await run([stateJson(INIT_STATE), stateJson(DROPS_KEYBOARD), stateJson(REFINE_2_STATE), artifactJson(CALCULATOR_HTML)]);
    expect(model.requests[2]?.prompt).not.toContain('PHASE_CHECK_FAILED');
    expect(result).toMatchObject({ endReason: 'all-solved', refinements: 2, retries: 0, calls: 4 });
    expect(await readJson(join(directory, 'state_refine_1.json'))).toEqual(REFINE_1_STATE);
    const ends = events.filter((event) => event.type === 'phase-end' && event.phase === 'refine');
    expect(ends.map((event) => event.type === 'phase-end' && [event.unsolved, event.resolved])).toEqual([
      [1, 3],
      [0, 1],
    ]);
  });

  it('a deletion never ends in "all solved": the round that drops the last task leaves it open (scripted answer)', async () => {
    const { directory, events, result } = await run([stateJson(INIT_STATE), stateJson(DROPS_KEYBOARD), artifactJson(CALCULATOR_HTML)], { settings: { maxRefinements: 1 } });
    expect(result.endReason).toBe('max-refinements');
    expect(events.some((event) => event.type === 'all-solved')).toBe(false);
    const saved = (await readJson(join(directory, 'state_final.json'))) as ReasoningState;
    expect(saved.unsolved_tasks).toEqual([KEYBOARD_TASK]);
    expect(saved.solved_tasks).toEqual(REFINE_1_STATE.solved_tasks);
    expect(result.iterations[0]).toMatchObject({ status: 'accepted', resolved: ['digit_input', 'operator_handling', 'equals_function'] });
  });

  it('a repairable answer is kept even when later attempts are worse (invalid JSON): its progress is not lost', async () => {
    const movedBack = { ...REFINE_1_STATE, solved_tasks: REFINE_1_STATE.solved_tasks.slice(4), unsolved_tasks: [...REFINE_1_STATE.unsolved_tasks, { name: 'markup', what_i_know: '', blockers: ['Which buttons?'] }] };
    const { directory, result } = await run([stateJson(INIT_STATE), stateJson(movedBack), 'Sure! Here it is:', '{"solved_tasks": [', artifactJson(CALCULATOR_HTML)], {
      settings: { maxRefinements: 1 },
    });
    expect(result.iterations[0]).toMatchObject({ status: 'accepted', resolved: ['digit_input', 'operator_handling', 'equals_function'] });
    expect(await readJson(join(directory, 'state_refine_1.json'))).toEqual(REFINE_1_STATE);
    expect(result.warnings.at(-1)).toContain('kept the answer of attempt 1/3');
  });

  it('a renamed task is restored beside the new name in the same call, and the warning names the rename', async () => {
    const renamed = { ...DROPS_KEYBOARD, unsolved_tasks: [{ ...KEYBOARD_TASK, name: 'keyboard_input' }] };
    const { directory, result } = await run([stateJson(INIT_STATE), stateJson(renamed), artifactJson(CALCULATOR_HTML)], { settings: { maxRefinements: 1 } });
    expect(result).toMatchObject({ calls: 3, retries: 0 });
    expect(((await readJson(join(directory, 'state_refine_1.json'))) as ReasoningState).unsolved_tasks.map((task) => task.name)).toEqual(['keyboard_input', 'keyboard_support']);
    expect(result.warnings).toEqual([expect.stringContaining('if "keyboard_input" is "keyboard_support" renamed, both stay open')]);
  });

  it('duplicate names and a task in both lists are retried, nothing solved lost', async () => {
    const duplicated = { ...REFINE_1_STATE, solved_tasks: [...REFINE_1_STATE.solved_tasks.slice(4), { name: 'digit_input', solution_code: `${DIGIT_CODE}\n` }] };
    const both = { ...REFINE_1_STATE, solved_tasks: REFINE_1_STATE.solved_tasks.slice(4), unsolved_tasks: [...REFINE_1_STATE.unsolved_tasks, INIT_STATE.unsolved_tasks[0]!] };
    const { model, directory } = await run([stateJson(INIT_STATE), stateJson(duplicated), stateJson(both), stateJson(REFINE_1_STATE), stateJson(REFINE_2_STATE), artifactJson(CALCULATOR_HTML)]);
    expect(model.requests[2]?.prompt).toContain('the task name "digit_input" appears more than once');
    expect(model.requests[3]?.prompt).toContain('the task "digit_input" is in both solved_tasks and unsolved_tasks');
    expect(await readJson(join(directory, 'state_refine_1.json'))).toEqual(REFINE_1_STATE);
  });

  it('a solved task moved back to unsolved is retried; out of attempts it stays solved', async () => {
    const movedBack = { ...REFINE_1_STATE, solved_tasks: REFINE_1_STATE.solved_tasks.slice(4), unsolved_tasks: [...REFINE_1_STATE.unsolved_tasks, { name: 'markup', what_i_know: '', blockers: ['Which buttons?'] }] };
    const { model, directory } = await run([stateJson(INIT_STATE), stateJson(movedBack), stateJson(movedBack), stateJson(REFINE_2_STATE), artifactJson(CALCULATOR_HTML)], { settings: { maxRetries: 1 } });
    expect(model.requests[2]?.prompt).toContain('the solved task "markup" was moved back to unsolved_tasks');
    expect(await readJson(join(directory, 'state_refine_1.json'))).toEqual(REFINE_1_STATE);
  });

  it('a new solved name that resolves no open task is no progress: two such rounds stall', async () => {
    const invented = { solved_tasks: [{ name: 'theme_toggle', solution_code: "document.body.classList.toggle('dark');" }], unsolved_tasks: INIT_STATE.unsolved_tasks, blocker_answers: [] };
    const invented2 = { ...invented, solved_tasks: [{ name: 'sound_effects', solution_code: "const beep = () => new AudioContext().resume();" }] };
    const { result, events } = await run([stateJson(INIT_STATE), stateJson(invented), stateJson(invented2), artifactJson(CALCULATOR_HTML)]);
    expect(result).toMatchObject({ endReason: 'stalled', refinements: 2 });
    expect(events).toContainEqual(expect.objectContaining({ type: 'phase-end', phase: 'refine', iteration: 1, newlySolved: 1, resolved: 0, short: true }));
    expect(events).toContainEqual({ type: 'stalled', refinements: 2, shortRounds: 2, unsolved: 4 });
  });

  it('one task resolved where two are wanted is short; a full round after it resets the streak', async () => {
    const oneOnly = { solved_tasks: [{ name: 'digit_input', solution_code: DIGIT_CODE }], unsolved_tasks: INIT_STATE.unsolved_tasks.slice(1), blocker_answers: [] };
    const { result } = await run([stateJson(INIT_STATE), stateJson(oneOnly), stateJson(REFINE_1_STATE), stateJson(REFINE_2_STATE), artifactJson(CALCULATOR_HTML)]);
    expect(result.iterations.map((round) => [round.resolved.length, round.target, round.short])).toEqual([
      [1, 2, true],
      [2, 2, false],
      [1, 1, false],
    ]);
    expect(result.endReason).toBe('all-solved');
  });
});

describe('runLatentLoop: FIX rounds resolve failing behaviours with rewritten code (scripted answers)', () => {
  const buggyState: ReasoningState = {
    ...REFINE_2_STATE,
    solved_tasks: REFINE_2_STATE.solved_tasks.map((task) => (task.name === 'equals_function' ? { ...task, solution_code: BUGGY_EQUALS_CODE } : task)),
    blocker_answers: [...REFINE_2_STATE.blocker_answers, '[equals_function] Evaluate with the pending operator.'],
  };
  const failures = [
    {
      name: 'fix_rule_3_binary_operators',
      what_i_know: 'Behaviour group "Rule 3": 1 of 9 tests fail ("2 + 3 * 4 = gives 20").',
      blockers: ['"2 + 3 * 4 = gives 20": after pressing 2, +, 3, *, 4, =, #display shows "14" but the contract requires "20".'],
    },
  ];
  const fix = { kind: 'fix' as const, previousState: buggyState, failures };
  const rewrite = { solved_tasks: [{ name: 'equals_function', solution_code: EQUALS_CODE, resolves: ['fix_rule_3_binary_operators'] }], unsolved_tasks: [], blocker_answers: ['[fix_rule_3_binary_operators] Evaluate left to right.'] };

  it('a rewrite naming the FIX task in resolves is progress; the state shows it and GENERATE sees the failures', async () => {
    const { model, directory, result, events } = await run([stateJson(rewrite), artifactJson(CALCULATOR_HTML)], { mode: fix });
    expect(result).toMatchObject({ endReason: 'all-solved', refinements: 1 });
    expect(events).toContainEqual(expect.objectContaining({ type: 'phase-end', phase: 'refine', newlySolved: 0, resolved: 1, resolvedTasks: ['fix_rule_3_binary_operators'], short: false }));
    const saved = (await readJson(join(directory, 'state_refine_1.json'))) as ReasoningState;
    expect(saved.unsolved_tasks).toEqual([]);
    expect(saved.solved_tasks).toHaveLength(buggyState.solved_tasks.length);
    expect(saved.solved_tasks.find((task) => task.name === 'equals_function')).toEqual(rewrite.solved_tasks[0]);
    // Answers of solved tasks are retired, not lost.
    expect(saved.blocker_answers).not.toContain('[equals_function] Evaluate with the pending operator.');
    expect(saved.retired_blocker_answers).toContain('[equals_function] Evaluate with the pending operator.');
    const generate = model.requests[1]!;
    expect(generate.schemaName).toBe('generated_artifact');
    expect(generate.prompt).toContain('failed these behaviours');
    expect(generate.prompt).toContain('#display shows "14" but the contract requires "20"');
  });

  it('an answer with no task at all (the FIX task deleted without code) is retried; the seed prompt shape stays (changes mode)', async () => {
    const deletes = { solved_tasks: [], unsolved_tasks: [], blocker_answers: ['All fine.'] };
    const { model, result } = await run([stateJson(deletes), stateJson(rewrite), artifactJson(CALCULATOR_HTML)], { mode: fix });
    expect(model.requests[0]?.prompt).toContain('Return only the changes');
    expect(model.requests[1]?.prompt).toContain('the answer has no task at all');
    expect(result).toMatchObject({ endReason: 'all-solved', retries: 1 });
  });

  it('full mode: the seed behaviour, the whole state in every answer', async () => {
    const full = { ...buggyState, solved_tasks: buggyState.solved_tasks.map((task) => (task.name === 'equals_function' ? rewrite.solved_tasks[0]! : task)), unsolved_tasks: [] };
    const { model, result, directory } = await run([stateJson(full), artifactJson(CALCULATOR_HTML)], { mode: fix, settings: { refineOutput: 'full' } });
    expect(model.requests[0]?.prompt).toContain('Return the complete new state');
    expect(result.iterations[0]?.resolved).toEqual(['fix_rule_3_binary_operators']);
    expect(await readJson(join(directory, 'run_metadata.json'))).toMatchObject({ settings: { refineOutput: 'full' } });
  });
});
