import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LANGUAGE_MODEL_INTERFACE_VERSION, ModelHttpError, type GenerateObjectRequest, type LanguageModel } from '@ndli/models';
import { describe, expect, it } from 'vitest';
import { LoopInterruptedError } from './errors.js';
import type { LatentEvent } from './events.js';
import { runLatentLoop } from './latent-loop.js';
import { CALCULATOR_HTML, CALCULATOR_TASK, INIT_STATE, REFINE_1_STATE, REFINE_2_STATE, artifactJson, stateJson, temporaryDirectory } from './test-fixtures/calculator-states.js';
import { readEvents, readJson } from './test-fixtures/run-files.js';
import { StreamingScriptedModel } from './test-fixtures/streaming-model.js';

// Every model answer below is SCRIPTED (hand-written); the streaming extras are what providers report.

const base = { task: CALCULATOR_TASK, artifactFileName: 'calculator.html' };
const serverFault = { attempt: 1, code: 'MODEL_HTTP_ERROR', message: 'HTTP 503 Service Unavailable', status: 503, delayMs: 500 };

describe('runLatentLoop: what each call reports', () => {
  it('keeps reasoning and retried server faults in calls/, counting server retries apart from output retries', async () => {
    const model = new StreamingScriptedModel([
      { response: stateJson(INIT_STATE), reasoning: 'The display needs a state variable first.', serverAttempts: [serverFault, { ...serverFault, attempt: 2 }] },
      { response: 'not json', serverAttempts: [serverFault] },
      { response: stateJson(REFINE_2_STATE) },
      { response: artifactJson(CALCULATOR_HTML) },
    ]);
    const directory = await temporaryDirectory();
    const result = await runLatentLoop({ ...base, model, directory });
    expect(result).toMatchObject({ serverRetries: 3, retries: 1, calls: 4, endReason: 'all-solved' });
    expect(await readJson(join(directory, 'calls/001-init.json'))).toMatchObject({ reasoning: 'The display needs a state variable first.', serverAttempts: [serverFault, { ...serverFault, attempt: 2 }] });
    expect(await readJson(join(directory, 'calls/002-refine.json'))).toMatchObject({ error: { code: 'MODEL_OUTPUT_INVALID_JSON' }, serverAttempts: [serverFault] });
    expect(await readJson(join(directory, 'calls/004-generate.json'))).toMatchObject({ serverAttempts: [] });
    expect(await readJson(join(directory, 'run_metadata.json'))).toMatchObject({ serverRetries: 3, retries: 1 });
    const events = await readEvents(directory);
    expect(events.at(-1)).toMatchObject({ type: 'loop-end', serverRetries: 3, retries: 1 });
    expect(events.filter((event) => event.type === 'call-finished').map((event) => event.type === 'call-finished' && event.serverRetries)).toEqual([2, 1, 0, 0]);
  });

  it('records the server faults of a transport error that ended the call', async () => {
    const failing = new ModelHttpError({ provider: 'mock', modelId: 'scripted-streaming', status: 503, message: 'HTTP 503' });
    failing.serverAttempts = [serverFault, { ...serverFault, attempt: 2 }];
    const model = new StreamingScriptedModel([{ response: failing }]);
    const directory = await temporaryDirectory();
    await expect(runLatentLoop({ ...base, model, directory })).rejects.toBe(failing);
    expect(await readJson(join(directory, 'calls/001-init.json'))).toMatchObject({ rawText: null, error: { code: 'MODEL_HTTP_ERROR' }, serverAttempts: failing.serverAttempts });
    expect(await readJson(join(directory, 'run_metadata.json'))).toMatchObject({ serverRetries: 2, retries: 0, status: 'error' });
  });

  it('forwards progress as live call-progress events that never reach events.jsonl', async () => {
    const model = new StreamingScriptedModel([
      { response: stateJson(INIT_STATE), ticks: [12, 80] },
      { response: stateJson(REFINE_2_STATE), ticks: [50] },
      { response: artifactJson(CALCULATOR_HTML) },
    ]);
    const directory = await temporaryDirectory();
    const events: LatentEvent[] = [];
    await runLatentLoop({ ...base, model, directory, onEvent: (event) => events.push(event) });
    const progress = events.filter((event) => event.type === 'call-progress');
    expect(progress).toEqual([
      { type: 'call-progress', phase: 'init', completionTokens: 12, reasoningTokens: 12, tokensPerSecond: 40, elapsedMs: 100 },
      { type: 'call-progress', phase: 'init', completionTokens: 80, tokensPerSecond: 40, elapsedMs: 200 },
      { type: 'call-progress', phase: 'refine', iteration: 1, completionTokens: 50, reasoningTokens: 50, tokensPerSecond: 40, elapsedMs: 100 },
    ]);
    expect((await readFile(join(directory, 'events.jsonl'), 'utf8')).includes('call-progress')).toBe(false);
  });
});

describe('runLatentLoop: prompts carry what went wrong before (scripted answers)', () => {
  it('FRESH with pitfalls lists the known failing behaviours in INIT', async () => {
    const pitfalls = [{ name: 'fix_rule_3', what_i_know: '"2 + 3 * 4 = gives 20" failed.', blockers: ['After 2 + 3 * 4 =, the display shows 14 but the contract requires 20.'] }];
    const model = new StreamingScriptedModel([{ response: stateJson(REFINE_2_STATE) }, { response: artifactJson(CALCULATOR_HTML) }]);
    await runLatentLoop({ ...base, model, directory: await temporaryDirectory(), mode: { kind: 'fresh', pitfalls } });
    const init = model.requests[0]!;
    expect(init.prompt).toContain('Known pitfalls');
    expect(init.prompt).toContain('- fix_rule_3: "2 + 3 * 4 = gives 20" failed.');
    expect(init.prompt).toContain('the display shows 14 but the contract requires 20');
    expect(model.requests[1]?.prompt).not.toContain('Known pitfalls');
  });

  it('a fresh run without pitfalls has no pitfall section', async () => {
    const model = new StreamingScriptedModel([{ response: stateJson(REFINE_2_STATE) }, { response: artifactJson(CALCULATOR_HTML) }]);
    await runLatentLoop({ ...base, model, directory: await temporaryDirectory() });
    expect(model.requests[0]?.prompt).not.toContain('pitfalls');
    expect(model.requests[1]?.prompt).not.toContain('failed these behaviours');
  });
});

/** A provider that ignores the abort signal and answers only much later. */
class DeafModel implements LanguageModel {
  readonly interfaceVersion = LANGUAGE_MODEL_INTERFACE_VERSION;
  readonly provider = 'mock';
  readonly scripted = true;
  readonly modelId = 'deaf';
  readonly requests: GenerateObjectRequest<unknown>[] = [];
  constructor(private readonly onCall: () => void) {}
  generateObject<OUTPUT>(request: GenerateObjectRequest<OUTPUT>): Promise<never> {
    this.requests.push(request as GenerateObjectRequest<unknown>);
    this.onCall();
    return new Promise<never>(() => {});
  }
}

describe('runLatentLoop: abort during a call', () => {
  it('ends the run at once even when the provider ignores the signal', async () => {
    const controller = new AbortController();
    const model = new DeafModel(() => setTimeout(() => controller.abort(), 0));
    const directory = await temporaryDirectory();
    const error = await runLatentLoop({ ...base, model, directory, signal: controller.signal }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LoopInterruptedError);
    expect(model.requests).toHaveLength(1);
    expect(await readJson(join(directory, 'calls/001-init.json'))).toMatchObject({ rawText: null, error: { code: 'LOOP_INTERRUPTED' } });
    expect(await readJson(join(directory, 'run_metadata.json'))).toMatchObject({ status: 'interrupted' });
  });

  it('keeps every state saved before the abort', async () => {
    const controller = new AbortController();
    let calls = 0;
    const model = new StreamingScriptedModel([
      { response: stateJson(INIT_STATE) },
      {
        response: () => {
          calls += 1;
          controller.abort();
          return stateJson(REFINE_1_STATE);
        },
      },
    ]);
    const directory = await temporaryDirectory();
    await expect(runLatentLoop({ ...base, model, directory, signal: controller.signal })).rejects.toThrow(LoopInterruptedError);
    expect(calls).toBe(1);
    expect(await readJson(join(directory, 'state_init.json'))).toEqual(INIT_STATE);
  });
});
