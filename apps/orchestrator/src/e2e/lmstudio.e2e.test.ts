import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTranscript } from '@ndli/models';
import { startLmStudioProtocolServer, type LmStudioProtocolServer, type ScriptedPrediction } from '@ndli/models/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunMetadataSchema } from '../run/run-metadata.js';
import { runCli, type CliResult } from '../test-support/run-cli.js';
import { tinySpecsDirectory } from '../test-support/tiny-app.js';
import { tinyFixScenario } from '../test-support/tiny-scenarios.js';
import { transcriptAnswers } from '../test-support/transcript-answers.js';

// End to end through the SDK's real WebSocket protocol: the real CLI and `LmStudioModel` talk to a SCRIPTED LM
// Studio (no model) that streams hand-written answers: the tiny spec's red round and its FIX round.
const MODEL_KEY = 'scripted-coder';
const SCENARIO_ANSWERS = transcriptAnswers(tinyFixScenario(MODEL_KEY)).map(String);

/** An answer streamed in pieces, as LM Studio sends fragments. */
function streamed(rawText: string): ScriptedPrediction {
  const fragments = rawText.match(/[\s\S]{1,400}/g) ?? [''];
  return { fragments: fragments.map((content) => ({ content, tokens: Math.ceil(content.length / 4) })) };
}

describe('ndli run --model lmstudio/… against the SCRIPTED LM Studio protocol server (real Chromium)', () => {
  let server: LmStudioProtocolServer;
  let result: CliResult;
  let runDirectory: string;

  beforeAll(async () => {
    const answers = SCENARIO_ANSWERS.map(streamed);
    // One server fault of each kind LM Studio shows, each followed by the good answer on retry:
    // the socket cut mid-answer (a crash or restart), and a failed prediction (a model that crashed).
    const [first, second, ...rest] = answers;
    if (first === undefined || second === undefined) throw new Error('the scenario is too short');
    const cut: ScriptedPrediction = { fragments: first.fragments.slice(0, 2), end: { kind: 'drop-connection' } };
    const crash: ScriptedPrediction = { fragments: [], end: { kind: 'error', error: { title: 'The model has crashed without additional information', cause: 'exit code 134' } } };
    server = await startLmStudioProtocolServer({
      models: [{ modelKey: MODEL_KEY, contextLength: 32_768, loaded: false }],
      predictions: [cut, first, crash, second, ...rest],
    });
    const cwd = mkdtempSync(join(tmpdir(), 'ndli-lmstudio-'));
    result = await runCli(['run', 'tiny', '--model', `lmstudio/${MODEL_KEY}`, '--base-url', server.baseUrl, '--specs-dir', tinySpecsDirectory()], cwd);
    const output = join(cwd, 'output');
    const runs = readdirSync(output).filter((entry) => entry.startsWith('run_'));
    expect(runs).toHaveLength(1);
    runDirectory = join(output, runs[0] ?? '');
  }, 600_000);

  afterAll(async () => {
    await server.close();
  });

  it('ends PASSED after a FIX round, with every answer streamed over the SDK protocol', () => {
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/PASSED/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const metadata = RunMetadataSchema.parse(JSON.parse(readFileSync(join(runDirectory, 'run_metadata.json'), 'utf8')));
    expect(metadata).toMatchObject({ status: 'passed', model: { spec: `lmstudio/${MODEL_KEY}`, scripted: false } });
    expect(metadata.rounds.map((round) => round.kind)).toEqual(['init', 'fix']);
    // Eight predictions: six answers plus the two that failed and were retried; the SDK rejected nothing the server sent.
    expect(server.predictions).toHaveLength(8);
    expect(server.predictions.every((prediction) => prediction.modelKey === MODEL_KEY && prediction.maxTokens !== undefined)).toBe(true);
    expect(server.predictions.every((prediction) => (prediction.structured as { type?: string } | undefined)?.type === 'json')).toBe(true);
    expect(server.calls).toContain('connection dropped');
    expect(server.warnings).toEqual([]);
  });

  it('records the answers that came over the SDK protocol into a replayable transcript, in order', () => {
    const recorded = readTranscript(join(runDirectory, 'transcript.jsonl'));
    expect(recorded.header.model).toMatchObject({ provider: 'lmstudio', modelId: MODEL_KEY });
    expect(recorded.calls.map((call) => ('response' in call ? call.response.rawText : call.error.message))).toEqual(SCENARIO_ANSWERS);
  });
});

describe('ndli run --model lmstudio/… when the prompt cannot fit the loaded context (SCRIPTED server)', () => {
  it('stops before predicting with the named error, the figures and what to change: exit 3, no stack trace', async () => {
    const server = await startLmStudioProtocolServer({ models: [{ modelKey: MODEL_KEY, contextLength: 4096 }], predictions: [] });
    try {
      const cwd = mkdtempSync(join(tmpdir(), 'ndli-lmstudio-context-'));
      // The calculator's prompt (no verdict is reached: the check comes before the first prediction).
      const result = await runCli(['run', 'calculator', '--model', `lmstudio/${MODEL_KEY}`, '--base-url', server.baseUrl], cwd);
      const output = result.stdout + result.stderr;
      expect(result.code, output).toBe(3);
      expect(output).toMatch(/MODEL_CONTEXT_EXCEEDED/);
      expect(output).toMatch(/loaded with a context of 4096 tokens/);
      expect(output).toMatch(/reload it with a context of at least \d+ tokens, or lower maxTokens/);
      expect(output).not.toMatch(/\n\s+at /);
      expect(server.predictions).toHaveLength(0);
    } finally {
      await server.close();
    }
  }, 120_000);
});
