import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelHttpError } from '@ndli/models';
import { MockModel, type ScriptedResponse } from '@ndli/models/testing';
import { describe, expect, it } from 'vitest';
import { PhaseOutputError } from './errors.js';
import type { LatentEvent } from './events.js';
import { runLatentLoop, type LatentLoopOptions } from './latent-loop.js';
import {
  CALCULATOR_HTML,
  CALCULATOR_TASK,
  DIGIT_CODE,
  INIT_STATE,
  REFINE_1_STATE,
  REFINE_2_STATE,
  artifactJson,
  stateJson,
  temporaryDirectory,
} from './test-fixtures/calculator-states.js';
import { listFiles, readJson } from './test-fixtures/run-files.js';

async function start(responses: ScriptedResponse[], options: Partial<LatentLoopOptions> = {}) {
  const model = new MockModel({ responses, modelId: 'llama-3.1-8b' });
  const directory = await temporaryDirectory();
  const events: LatentEvent[] = [];
  const promise = runLatentLoop({
    model,
    task: CALCULATOR_TASK,
    artifactFileName: 'calculator.html',
    directory,
    onEvent: (event) => events.push(event),
    ...options,
  });
  return { model, directory, events, promise };
}

/** INIT cut off mid-string: what a model that runs out of tokens produces. */
const CUT_OFF_INIT = stateJson(INIT_STATE).slice(0, 180);

describe('runLatentLoop: bad output is retried in a fresh chat', () => {
  it('retries invalid JSON with the error in the prompt, and records both attempts', async () => {
    const { model, directory, events, promise } = await start([
      CUT_OFF_INIT,
      stateJson(INIT_STATE),
      stateJson(REFINE_1_STATE),
      stateJson(REFINE_2_STATE),
      artifactJson(CALCULATOR_HTML),
    ]);
    const result = await promise;
    expect(result).toMatchObject({ endReason: 'all-solved', calls: 5, retries: 1, truncations: 0 });
    const [first, retry] = model.requests;
    expect(retry?.system).toBe(first?.system);
    expect(retry?.prompt.startsWith(first?.prompt ?? '-')).toBe(true);
    expect(retry?.prompt).toContain('MODEL_OUTPUT_INVALID_JSON');
    expect(retry?.prompt).toMatch(/Unterminated string|Unexpected end|JSON/);
    expect(events).toContainEqual(expect.objectContaining({ type: 'retry', phase: 'init', attempt: 2, maxAttempts: 3, code: 'MODEL_OUTPUT_INVALID_JSON' }));

    const failed = (await readJson(join(directory, 'calls/001-init.json'))) as Record<string, unknown>;
    expect(failed).toMatchObject({ phase: 'init', attempt: 1, rawText: CUT_OFF_INIT, error: { code: 'MODEL_OUTPUT_INVALID_JSON' } });
    expect(failed['parsed']).toBeUndefined();
    const succeeded = await readJson(join(directory, 'calls/002-init.json'));
    expect(succeeded).toMatchObject({ phase: 'init', attempt: 2, parsed: INIT_STATE, request: { prompt: retry?.prompt } });
    expect(await readJson(join(directory, 'state_init.json'))).toEqual(INIT_STATE);
  });

  it('retries a truncated answer asking to be more concise, and counts the truncation', async () => {
    const { model, directory, promise } = await start([
      { rawText: CUT_OFF_INIT, finishReason: 'length', completionTokens: 8192 },
      stateJson(INIT_STATE),
      stateJson(REFINE_2_STATE),
      artifactJson(CALCULATOR_HTML),
    ]);
    const result = await promise;
    expect(result).toMatchObject({ retries: 1, truncations: 1, calls: 4 });
    expect(model.requests[1]?.prompt).toContain('MODEL_OUTPUT_TRUNCATED');
    expect(model.requests[1]?.prompt).toContain('MORE CONCISE');
    expect(await readJson(join(directory, 'calls/001-init.json'))).toMatchObject({ finishReason: 'length', error: { code: 'MODEL_OUTPUT_TRUNCATED' } });
    expect(((await readJson(join(directory, 'run_metadata.json'))) as { truncations: number }).truncations).toBe(1);
  });

  it('rejects prose instead of code and says which task in the retry', async () => {
    const prose = {
      ...INIT_STATE,
      solved_tasks: [...INIT_STATE.solved_tasks, { name: 'digit_input', solution_code: 'Append the pressed digit to the display value unless the display shows 0.' }],
      unsolved_tasks: INIT_STATE.unsolved_tasks.slice(1),
    };
    const { model, directory, promise } = await start([stateJson(prose), stateJson(INIT_STATE), stateJson(REFINE_2_STATE), artifactJson(CALCULATOR_HTML)]);
    const result = await promise;
    expect(result.retries).toBe(1);
    expect(model.requests[1]?.prompt).toContain('PHASE_CHECK_FAILED');
    expect(model.requests[1]?.prompt).toContain('solved_tasks.4.solution_code ("digit_input") is not parseable code');
    expect(await readJson(join(directory, 'calls/001-init.json'))).toMatchObject({ parsed: prose, error: { code: 'PHASE_CHECK_FAILED' } });
    expect(await readJson(join(directory, 'state_init.json'))).toEqual(INIT_STATE);
  });

  it('rejects a schema mismatch (an unsolved task without blockers)', async () => {
    const mismatch = { ...INIT_STATE, unsolved_tasks: [{ name: 'digit_input', what_i_know: 'easy', blockers: [] }] };
    const { model, promise } = await start([stateJson(mismatch), stateJson(REFINE_2_STATE), artifactJson(CALCULATOR_HTML)]);
    await promise;
    expect(model.requests[1]?.prompt).toContain('MODEL_OUTPUT_SCHEMA_MISMATCH');
    expect(model.requests[1]?.prompt).toContain('unsolved_tasks.0.blockers');
  });

  it('rejects a generated file that is not a working HTML document', async () => {
    const broken = CALCULATOR_HTML.replace('function inputDigit(digit) {', 'function inputDigit(digit {');
    const { model, promise } = await start([stateJson(REFINE_2_STATE), artifactJson(broken), artifactJson(CALCULATOR_HTML)]);
    const result = await promise;
    expect(result.artifact.html).toBe(CALCULATOR_HTML);
    expect(model.requests[2]?.prompt).toContain('JavaScript syntax error');
  });

  it('a REFINE out of attempts keeps the last valid state, records why, and the loop goes on (scripted answers)', async () => {
    const badAnswers = [
      'Sure! Here is the refined state: solved digit input and operators.',
      stateJson({ ...REFINE_1_STATE, unsolved_tasks: [{ name: 'keyboard_support', what_i_know: '', blockers: [] }] }),
      stateJson({ ...REFINE_1_STATE, solved_tasks: [...REFINE_1_STATE.solved_tasks, { name: 'digit_input', solution_code: DIGIT_CODE }] }),
    ];
    const { directory, events, promise } = await start([stateJson(INIT_STATE), ...badAnswers, stateJson(REFINE_2_STATE), artifactJson(CALCULATOR_HTML)]);
    const result = await promise;
    expect(result).toMatchObject({ endReason: 'all-solved', refinements: 2, calls: 6, retries: 2 });
    const failed = events.find((event) => event.type === 'refine-failed');
    expect(failed).toMatchObject({ iteration: 1, code: 'PHASE_OUTPUT_INVALID', attempts: 3, keptState: 'state_refine_1.json' });
    expect(failed?.type === 'refine-failed' && failed.message).toContain('appears more than once');
    // Every attempt stays in calls/, the kept state is saved as round 1's.
    expect(await readFile(join(directory, 'calls/004-refine.json'), 'utf8')).toContain('appears more than once');
    expect(await readJson(join(directory, 'state_refine_1.json'))).toEqual(INIT_STATE);
    expect(result.iterations.map((round) => [round.iteration, round.status, round.resolved.length, round.short])).toEqual([
      [1, 'failed', 0, true],
      [2, 'accepted', 4, false],
    ]);
    const metadata = (await readJson(join(directory, 'run_metadata.json'))) as { iterations: { failure?: { code: string } }[]; status: string };
    expect(metadata.status).toBe('completed');
    expect(metadata.iterations[0]?.failure?.code).toBe('PHASE_OUTPUT_INVALID');
  });

  it('two failed REFINE rounds in a row are a stall, and GENERATE still writes the app from the last valid state', async () => {
    const bad = 'not json';
    const { directory, events, promise } = await start([stateJson(INIT_STATE), bad, bad, bad, bad, bad, bad, artifactJson(CALCULATOR_HTML)]);
    const result = await promise;
    expect(result).toMatchObject({ endReason: 'stalled', refinements: 2, finalState: INIT_STATE });
    expect(events.filter((event) => event.type === 'refine-failed')).toHaveLength(2);
    expect(await readJson(join(directory, 'state_final.json'))).toEqual(INIT_STATE);
    expect(result.artifact.html).toBe(CALCULATOR_HTML);
  });

  it('INIT out of attempts ends the round without an artifact, every attempt kept', async () => {
    const badAnswers = ['Sure! I will build a calculator.', CUT_OFF_INIT, '{"solved_tasks": []}'];
    const { directory, promise } = await start(badAnswers);
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PhaseOutputError);
    const phaseError = error as PhaseOutputError;
    expect(phaseError).toMatchObject({ code: 'PHASE_OUTPUT_INVALID', phase: 'init', iteration: 0, modelId: 'llama-3.1-8b' });
    expect(phaseError.attempts.map((attempt) => attempt.rawText)).toEqual(badAnswers);
    expect(await listFiles(directory)).toEqual(['calls/001-init.json', 'calls/002-init.json', 'calls/003-init.json', 'events.jsonl', 'run_metadata.json']);
    expect(await readJson(join(directory, 'run_metadata.json'))).toMatchObject({ status: 'error', error: { code: 'PHASE_OUTPUT_INVALID' }, calls: 3, retries: 2 });
  });

  it('with maxRetries 0 fails on the first bad answer', async () => {
    const { model, promise } = await start(['not json at all'], { settings: { maxRetries: 0 } });
    await expect(promise).rejects.toThrow(PhaseOutputError);
    expect(model.requests).toHaveLength(1);
  });
});

describe('runLatentLoop: solved tasks left out of a REFINE answer', () => {
  it('in changes mode stay as they were, with no warning (scripted answer)', async () => {
    const changes = { ...REFINE_1_STATE, solved_tasks: REFINE_1_STATE.solved_tasks.filter((task) => task.name !== 'clear_function') };
    const { directory, promise } = await start([stateJson(INIT_STATE), stateJson(changes), stateJson(REFINE_2_STATE), artifactJson(CALCULATOR_HTML)]);
    const result = await promise;
    expect(await readJson(join(directory, 'state_refine_1.json'))).toEqual(REFINE_1_STATE);
    expect(result.warnings).toEqual([]);
    expect(result.retries).toBe(0);
  });

  it('in full mode are carried over unchanged in the same call, with a warning, and count as no progress (scripted answers)', async () => {
    const dropped = { ...REFINE_1_STATE, solved_tasks: REFINE_1_STATE.solved_tasks.filter((task) => task.name !== 'clear_function') };
    const { model, directory, events, promise } = await start([stateJson(INIT_STATE), stateJson(dropped), stateJson(REFINE_2_STATE), artifactJson(CALCULATOR_HTML)], {
      settings: { refineOutput: 'full' },
    });
    const result = await promise;
    expect(result).toMatchObject({ calls: 4, retries: 0 });
    expect(model.requests[2]?.prompt).not.toContain('PHASE_CHECK_FAILED');
    const saved = (await readJson(join(directory, 'state_refine_1.json'))) as typeof REFINE_1_STATE;
    expect(saved).toEqual(REFINE_1_STATE);
    expect(result.warnings).toEqual([expect.stringContaining('the solved task "clear_function" was left out of the full answer: carried over unchanged')]);
    // The carried-over task does not count as progress; the three real ones do.
    expect(events).toContainEqual(expect.objectContaining({ type: 'phase-end', phase: 'refine', iteration: 1, newlySolved: 3, resolved: 3, solved: 7 }));
  });
});

describe('runLatentLoop: transport errors', () => {
  it('are not retried: they propagate with the run saved as an error', async () => {
    const httpError = new ModelHttpError({ provider: 'mock', modelId: 'llama-3.1-8b', status: 500, message: 'Internal Server Error' });
    const { model, directory, promise } = await start([stateJson(INIT_STATE), httpError]);
    await expect(promise).rejects.toBe(httpError);
    expect(model.requests).toHaveLength(2);
    expect(await readJson(join(directory, 'calls/002-refine.json'))).toMatchObject({ rawText: null, error: { code: 'MODEL_HTTP_ERROR' } });
    expect(await readJson(join(directory, 'run_metadata.json'))).toMatchObject({ status: 'error', error: { code: 'MODEL_HTTP_ERROR' }, calls: 2 });
  });
});
