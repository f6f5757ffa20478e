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

  it('fails with PhaseOutputError after maxRetries, keeping every raw answer and the states so far', async () => {
    const badAnswers = [
      'Sure! Here is the refined state: solved digit input and operators.',
      stateJson({ ...REFINE_1_STATE, unsolved_tasks: [{ name: 'keyboard_support', what_i_know: '', blockers: [] }] }),
      stateJson({ ...REFINE_1_STATE, solved_tasks: [...REFINE_1_STATE.solved_tasks, { name: 'digit_input', solution_code: DIGIT_CODE }] }),
    ];
    const { directory, promise } = await start([stateJson(INIT_STATE), ...badAnswers]);
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PhaseOutputError);
    const phaseError = error as PhaseOutputError;
    expect(phaseError).toMatchObject({ code: 'PHASE_OUTPUT_INVALID', phase: 'refine', iteration: 1, modelId: 'llama-3.1-8b' });
    expect(phaseError.attempts.map((attempt) => attempt.rawText)).toEqual(badAnswers);
    expect(phaseError.attempts.map((attempt) => attempt.code)).toEqual(['MODEL_OUTPUT_INVALID_JSON', 'MODEL_OUTPUT_SCHEMA_MISMATCH', 'PHASE_CHECK_FAILED']);
    expect(phaseError.attempts[2]?.issues).toEqual([expect.stringContaining('"digit_input" appears more than once')]);

    expect(await listFiles(directory)).toEqual([
      'calls/001-init.json',
      'calls/002-refine.json',
      'calls/003-refine.json',
      'calls/004-refine.json',
      'events.jsonl',
      'run_metadata.json',
      'state_init.json',
    ]);
    expect(await readJson(join(directory, 'state_init.json'))).toEqual(INIT_STATE);
    expect(await readJson(join(directory, 'run_metadata.json'))).toMatchObject({
      status: 'error',
      error: { code: 'PHASE_OUTPUT_INVALID' },
      calls: 4,
      retries: 2,
    });
    expect(await readFile(join(directory, 'calls/004-refine.json'), 'utf8')).toContain('appears more than once');
  });

  it('with maxRetries 0 fails on the first bad answer', async () => {
    const { model, promise } = await start(['not json at all'], { settings: { maxRetries: 0 } });
    await expect(promise).rejects.toThrow(PhaseOutputError);
    expect(model.requests).toHaveLength(1);
  });
});

describe('runLatentLoop: a REFINE that drops a solved task', () => {
  it('restores the task from the previous state and warns', async () => {
    const dropped = { ...REFINE_1_STATE, solved_tasks: REFINE_1_STATE.solved_tasks.filter((task) => task.name !== 'clear_function') };
    const { directory, events, promise } = await start([stateJson(INIT_STATE), stateJson(dropped), stateJson(REFINE_2_STATE), artifactJson(CALCULATOR_HTML)]);
    const result = await promise;
    const saved = (await readJson(join(directory, 'state_refine_1.json'))) as typeof REFINE_1_STATE;
    expect(saved.solved_tasks.find((task) => task.name === 'clear_function')).toEqual(INIT_STATE.solved_tasks[1]);
    expect(saved.solved_tasks).toHaveLength(REFINE_1_STATE.solved_tasks.length);
    const warning = { type: 'warning', phase: 'refine', iteration: 1, message: 'REFINE dropped the solved task "clear_function"; restored its earlier solution' };
    expect(events).toContainEqual(warning);
    expect(result.warnings).toEqual([warning.message]);
    // The restoration does not count as newly solved.
    expect(events).toContainEqual(expect.objectContaining({ type: 'phase-end', phase: 'refine', iteration: 1, newlySolved: 3, solved: 7 }));
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
