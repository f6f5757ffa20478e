import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GenerateObjectRequest } from '@ndli/models';
import { MockModel } from '@ndli/models/testing';
import { describe, expect, it } from 'vitest';
import { countLines, runLatentLoop } from './latent-loop.js';
import { currentGitCommit } from './run-metadata.js';
import { resolveSettings } from './settings.js';
import {
  CALCULATOR_HTML,
  CALCULATOR_HTML_LINES,
  CALCULATOR_TASK,
  INIT_STATE,
  REFINE_1_STATE,
  REFINE_2_STATE,
  artifactJson,
  stateJson,
  temporaryDirectory,
} from './test-fixtures/calculator-states.js';
import { listFiles, readEvents, readJson } from './test-fixtures/run-files.js';
import { runScripted } from './test-fixtures/scripted-loop.js';

const run = runScripted;

function expectedTokens(model: MockModel, rawTexts: string[]) {
  return {
    prompt: model.requests.reduce((total, request) => total + Math.ceil((request.system.length + request.prompt.length) / 4), 0),
    completion: rawTexts.reduce((total, text) => total + Math.ceil(text.length / 4), 0),
  };
}

describe('runLatentLoop: happy path', () => {
  const answers = [stateJson(INIT_STATE), stateJson(REFINE_1_STATE), stateJson(REFINE_2_STATE), artifactJson(CALCULATOR_HTML)];

  it('runs INIT → REFINE → REFINE → GENERATE and saves every state', async () => {
    const { directory, result, model } = await run(answers, { metadata: { spec: 'calculator' } });
    expect(result.endReason).toBe('all-solved');
    expect(result.refinements).toBe(2);
    expect(result.finalState).toEqual(REFINE_2_STATE);
    expect(result.artifact).toEqual({ path: join(directory, 'calculator.html'), html: CALCULATOR_HTML, lines: CALCULATOR_HTML_LINES });
    expect(result.calls).toBe(4);
    expect(result.retries).toBe(0);
    expect(result.truncations).toBe(0);
    expect(result.tokens).toEqual(expectedTokens(model, answers));
    expect(result.warnings).toEqual([]);

    expect(await readJson(join(directory, 'state_init.json'))).toEqual(INIT_STATE);
    expect(await readJson(join(directory, 'state_refine_1.json'))).toEqual(REFINE_1_STATE);
    expect(await readJson(join(directory, 'state_refine_2.json'))).toEqual(REFINE_2_STATE);
    expect(await readJson(join(directory, 'state_final.json'))).toEqual(REFINE_2_STATE);
    expect(await readFile(join(directory, 'calculator.html'), 'utf8')).toBe(CALCULATOR_HTML);
  });

  it('leaves exactly the seed layout in the run directory', async () => {
    const { directory } = await run(answers);
    expect(await listFiles(directory)).toEqual([
      'calculator.html',
      'calls/001-init.json',
      'calls/002-refine.json',
      'calls/003-refine.json',
      'calls/004-generate.json',
      'events.jsonl',
      'run_metadata.json',
      'state_final.json',
      'state_init.json',
      'state_refine_1.json',
      'state_refine_2.json',
    ]);
  });

  it('writes run metadata with model, settings, versions, timings and totals', async () => {
    const { directory, result } = await run(answers, { settings: { seed: 42 }, metadata: { spec: 'calculator' } });
    const metadata = (await readJson(join(directory, 'run_metadata.json'))) as Record<string, unknown>;
    expect(metadata).toMatchObject({
      stateSchemaVersion: 2,
      mode: 'fresh',
      artifactFileName: 'calculator.html',
      model: { provider: 'mock', id: 'qwen2.5-coder-7b-instruct', scripted: true, interfaceVersion: 2 },
      settings: { ...resolveSettings(undefined), seed: 42 },
      versions: { node: process.version, package: '0.1.0' },
      status: 'completed',
      endReason: 'all-solved',
      refinements: 2,
      tokens: result.tokens,
      calls: 4,
      retries: 0,
      serverRetries: 0,
      truncations: 0,
      error: null,
      metadata: { spec: 'calculator' },
    });
    expect(metadata['iterations']).toEqual([
      { iteration: 1, openBefore: 4, target: 2, resolved: ['digit_input', 'operator_handling', 'equals_function'], written: ['digit_input', 'operator_handling', 'equals_function'], short: false, status: 'accepted' },
      { iteration: 2, openBefore: 1, target: 1, resolved: ['keyboard_support'], written: ['keyboard_support'], short: false, status: 'accepted' },
    ]);
    expect(typeof metadata['endedAt']).toBe('string');
    const phases = metadata['phases'] as { phase: string; iteration: number; attempts: number }[];
    expect(phases.map((phase) => `${phase.phase}:${phase.iteration}:${phase.attempts}`)).toEqual(['init:0:1', 'refine:1:1', 'refine:2:1', 'generate:0:1']);
    expect(metadata['gitCommit'] === null || /^[0-9a-f]{40}$/.test(String(metadata['gitCommit']))).toBe(true);
  });

  it('records each call with prompts, raw response, parsed result, usage and finish reason', async () => {
    const { directory, model } = await run(answers);
    const call = (await readJson(join(directory, 'calls/002-refine.json'))) as Record<string, unknown>;
    expect(call).toMatchObject({
      phase: 'refine',
      iteration: 1,
      attempt: 1,
      schemaName: 'reasoning_state',
      request: { system: model.requests[1]?.system, prompt: model.requests[1]?.prompt, temperature: 0.2, maxTokens: 8192 },
      rawText: stateJson(REFINE_1_STATE),
      parsed: REFINE_1_STATE,
      finishReason: 'stop',
      modelId: 'qwen2.5-coder-7b-instruct',
      usage: { promptTokens: expect.any(Number), completionTokens: Math.ceil(stateJson(REFINE_1_STATE).length / 4) },
    });
    expect(call['error']).toBeUndefined();
  });

  it('emits the events a CLI needs, in order, and logs the same to events.jsonl', async () => {
    const { directory, events: all } = await run(answers);
    const events = all.filter((event) => event.type !== 'call-finished');
    expect(events.map((event) => (event.type.startsWith('phase') ? `${event.type}:${'phase' in event ? event.phase : ''}` : event.type))).toEqual([
      'loop-start',
      'phase-start:init',
      'phase-end:init',
      'phase-start:refine',
      'phase-end:refine',
      'phase-start:refine',
      'phase-end:refine',
      'all-solved',
      'phase-start:generate',
      'artifact-saved',
      'phase-end:generate',
      'loop-end',
    ]);
    expect(events[2]).toMatchObject({ type: 'phase-end', phase: 'init', solved: 4, unsolved: 4, blockers: 7, blockerAnswers: 0 });
    expect(events[3]).toMatchObject({ type: 'phase-start', phase: 'refine', iteration: 1, blockers: 7 });
    expect(events[4]).toMatchObject({ type: 'phase-end', phase: 'refine', iteration: 1, solved: 7, unsolved: 1, newlySolved: 3, resolved: 3, short: false, blockerAnswers: 5 });
    expect(events[6]).toMatchObject({ iteration: 2, newlySolved: 1, unsolved: 0 });
    expect(events[7]).toEqual({ type: 'all-solved', refinements: 2 });
    expect(events[9]).toEqual({ type: 'artifact-saved', path: join(directory, 'calculator.html'), lines: CALCULATOR_HTML_LINES });
    expect(events[11]).toMatchObject({ type: 'loop-end', status: 'completed', endReason: 'all-solved', calls: 4, serverRetries: 0 });
    // Every call reports its tokens and the run's totals so far (what a token budget needs mid-round).
    const finished = all.filter((event) => event.type === 'call-finished');
    expect(finished.map((event) => `${event.phase}:${event.iteration}:${event.attempt}`)).toEqual(['init:0:1', 'refine:1:1', 'refine:2:1', 'generate:0:1']);
    expect(finished.at(-1)).toMatchObject({ runTokens: (all.at(-1) as { tokens: unknown }).tokens, errorCode: undefined, serverRetries: 0 });
    const logged = await readEvents(directory);
    expect(logged.map(({ time: _time, ...event }) => event)).toEqual(JSON.parse(JSON.stringify(all)));
  });

  it('gives every call a fresh chat: system + one prompt, carrying only the state', async () => {
    const { model } = await run(answers, { settings: { seed: 7, temperature: 0 } });
    expect(model.requests).toHaveLength(4);
    for (const request of model.requests) {
      expect(Object.keys(request).sort()).toEqual(['jsonSchema', 'maxTokens', 'onProgress', 'prompt', 'schema', 'schemaName', 'seed', 'system', 'temperature']);
      expect(request.prompt).toContain(CALCULATOR_TASK);
      expect(request).toMatchObject({ seed: 7, temperature: 0, maxTokens: 8192 });
    }
    const [init, refine1, refine2, generate] = model.requests as [GenerateObjectRequest<unknown>, GenerateObjectRequest<unknown>, GenerateObjectRequest<unknown>, GenerateObjectRequest<unknown>];
    expect(init.schemaName).toBe('reasoning_state');
    expect(init.prompt).not.toContain('solved_tasks":');
    expect(refine1.prompt).toContain(JSON.stringify(INIT_STATE, null, 2));
    expect(refine2.prompt).toContain(JSON.stringify(REFINE_1_STATE, null, 2));
    // No earlier message leaks in: round 2 sees the state, not round 1's prompt.
    expect(refine2.prompt).not.toContain(JSON.stringify(INIT_STATE, null, 2));
    expect(refine2.prompt).toContain('refinement round 2');
    expect(generate.schemaName).toBe('generated_artifact');
    expect(generate.prompt).toContain(JSON.stringify(REFINE_2_STATE.solved_tasks, null, 2));
    expect(generate.jsonSchema).toMatchObject({ type: 'object', required: ['html'] });
  });

  it('goes straight to GENERATE when INIT solves everything', async () => {
    const { result, model, events } = await run([stateJson(REFINE_2_STATE), artifactJson(CALCULATOR_HTML)]);
    expect(model.requests).toHaveLength(2);
    expect(result).toMatchObject({ endReason: 'all-solved', refinements: 0 });
    expect(events).toContainEqual({ type: 'all-solved', refinements: 0 });
  });
});

describe('runLatentLoop: ending refinement', () => {
  it('stops after stallLimit rounds that solve nothing, then generates from the solved tasks only', async () => {
    const { result, model, events, directory } = await run([
      stateJson(INIT_STATE),
      stateJson(INIT_STATE),
      stateJson({ ...INIT_STATE, blocker_answers: ['Escape clears.'] }),
      artifactJson(CALCULATOR_HTML),
    ]);
    expect(result.endReason).toBe('stalled');
    expect(result.refinements).toBe(2);
    expect(events).toContainEqual({ type: 'stalled', refinements: 2, shortRounds: 2, unsolved: 4 });
    expect(await readJson(join(directory, 'state_final.json'))).toEqual({ ...INIT_STATE, blocker_answers: ['Escape clears.'] });
    const generate = model.requests[3]!;
    expect(generate.schemaName).toBe('generated_artifact');
    expect(generate.prompt).not.toContain('Which key clears');
    expect(generate.prompt).not.toContain('keyboard_support');
  });

  it('a round with progress resets the stall count', async () => {
    const { result } = await run(
      [stateJson(INIT_STATE), stateJson(INIT_STATE), stateJson(REFINE_1_STATE), stateJson(REFINE_1_STATE), stateJson(REFINE_1_STATE), artifactJson(CALCULATOR_HTML)],
    );
    expect(result).toMatchObject({ endReason: 'stalled', refinements: 4 });
  });

  it('stops at maxRefinements', async () => {
    const { result, events, directory } = await run([stateJson(INIT_STATE), stateJson(REFINE_1_STATE), artifactJson(CALCULATOR_HTML)], {
      settings: { maxRefinements: 1 },
    });
    expect(result).toMatchObject({ endReason: 'max-refinements', refinements: 1, finalState: REFINE_1_STATE });
    expect(events).toContainEqual({ type: 'max-refinements', refinements: 1, unsolved: 1 });
    expect(await listFiles(directory)).toContain('state_refine_1.json');
    expect(await listFiles(directory)).not.toContain('state_refine_2.json');
  });

  it('with maxRefinements 0 goes from INIT straight to GENERATE', async () => {
    const { result, model, directory } = await run([stateJson(INIT_STATE), artifactJson(CALCULATOR_HTML)], { settings: { maxRefinements: 0 } });
    expect(model.requests.map((request) => request.schemaName)).toEqual(['reasoning_state', 'generated_artifact']);
    expect(result).toMatchObject({ endReason: 'max-refinements', refinements: 0, finalState: INIT_STATE });
    expect((await listFiles(directory)).filter((file) => file.startsWith('state_'))).toEqual(['state_final.json', 'state_init.json']);
  });
});

describe('runLatentLoop: inputs', () => {
  it('rejects a bad artifact name and bad settings before any call', async () => {
    const model = new MockModel({ responses: [] });
    const directory = await temporaryDirectory();
    await expect(runLatentLoop({ model, task: CALCULATOR_TASK, artifactFileName: '../x.html', directory })).rejects.toThrow(/artifactFileName/);
    await expect(runLatentLoop({ model, task: CALCULATOR_TASK, artifactFileName: 'state_final.json', directory })).rejects.toThrow(/artifactFileName/);
    await expect(runLatentLoop({ model, task: ' ', artifactFileName: 'calculator.html', directory })).rejects.toThrow(/task/);
    await expect(runLatentLoop({ model, task: CALCULATOR_TASK, artifactFileName: 'calculator.html', directory, settings: { maxRetries: -1 } })).rejects.toThrow(
      /maxRetries/,
    );
    expect(model.requests).toHaveLength(0);
  });

  it('counts lines like the seed (a final newline does not start a line)', () => {
    expect([countLines(''), countLines('a'), countLines('a\n'), countLines('a\nb'), countLines('a\r\nb\r\n')]).toEqual([0, 1, 1, 2, 2]);
  });

  it('records no git commit outside a repository instead of failing', async () => {
    expect(currentGitCommit(await temporaryDirectory())).toBeNull();
  });
});
