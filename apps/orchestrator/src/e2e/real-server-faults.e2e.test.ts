import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTranscript } from '@ndli/models';
import { startChatCompletionServer, type ServerStep } from '@ndli/models/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { RunMetadataSchema } from '../run/run-metadata.js';
import { runCli } from '../test-support/run-cli.js';
import { tinySpecsDirectory } from '../test-support/tiny-app.js';
import { tinyPassScenario } from '../test-support/tiny-scenarios.js';

// End to end through `ndli run` against a real HTTP server that behaves like a troubled local model
// server: one of each transient fault, then good answers. The answers are SCRIPTED (the tiny spec's INIT, two
// REFINEs and GENERATE of the correct app), wrapped the way reasoning models send them; no model is involved.

/**
 * INIT, two REFINE answers and a correct GENERATE answer, so the run is green in round 1 (one judged round: the
 * faults, not the FIX loop, are under test). Between them one of each fault, at most two before any call (the
 * default is 3 retries per call).
 */
function scriptedAnswers(): { states: string[]; correctApp: string } {
  const answers = tinyPassScenario('scripted-model').calls.flatMap((call) => ('response' in call ? [{ schemaName: call.request.schemaName, rawText: call.response.rawText }] : []));
  return {
    states: answers.filter((answer) => answer.schemaName === 'reasoning_state').map((answer) => answer.rawText),
    correctApp: answers.filter((answer) => answer.schemaName === 'generated_artifact').at(-1)?.rawText ?? '',
  };
}

function faultSequence(): ServerStep[] {
  const { states, correctApp } = scriptedAnswers();
  const [init = '', refine1 = '', refine2 = ''] = states;
  return [
    { fault: 'status', status: 500 },
    { fault: 'status', status: 503, body: '<html><body><h1>503 Service Unavailable</h1></body></html>' },
    // A reasoning model's answer: a <think> block full of braces before the JSON.
    { content: `<think>The state needs {"solved_tasks": [...]}; code like function f() { return "}"; } goes in strings.</think>\n${init}` },
    { fault: 'status', status: 429, headers: { 'retry-after': '1' } },
    { fault: 'reset-mid-body' },
    // The JSON arrives in reasoning_content only, the content stays empty (LM Studio / Ollama with reasoning models).
    { content: '', reasoningContent: refine1 },
    { fault: 'drop' },
    { fault: 'html-page' },
    { content: refine2 },
    { fault: 'sse-cut' },
    { content: correctApp },
  ];
}

describe('ndli run against an OpenAI-compatible server with transient faults (SCRIPTED answers, real Chromium)', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await Promise.all(cleanup.map((close) => close()));
  });

  it('retries every fault, keeps the reasoning, and ends PASSED with exit 0', async () => {
    const { states, correctApp } = scriptedAnswers();
    // Should a loaded machine time out a browser test (a FIX round follows), the last state and the correct app again.
    const fixState = states.at(-1) ?? '';
    const server = await startChatCompletionServer({
      steps: faultSequence(),
      answer: (request) => ({ content: JSON.stringify(request.body['response_format']).includes('generated_artifact') ? correctApp : fixState }),
    });
    cleanup.push(() => server.close());
    const cwd = mkdtempSync(join(tmpdir(), 'ndli-faults-'));
    const result = await runCli(['run', 'tiny', '--model', 'openai-compatible/scripted-model', '--base-url', server.baseUrl, '--specs-dir', tinySpecsDirectory()], cwd);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/PASSED/);

    const [run] = readdirSync(join(cwd, 'output')).filter((entry) => entry.startsWith('run_'));
    const runDirectory = join(cwd, 'output', run ?? '');
    const metadata = RunMetadataSchema.parse(JSON.parse(readFileSync(join(runDirectory, 'run_metadata.json'), 'utf8')));
    expect(metadata.status).toBe('passed');

    // Every fault reached the server and was retried: 7 faults + 4 answers in round 1.
    const chatRequests = server.received.filter((entry) => entry.url === '/v1/chat/completions');
    expect(chatRequests.length).toBeGreaterThanOrEqual(11);
    // The run's transcript keeps what the server did and what the model thought, call by call.
    const responses = readTranscript(join(runDirectory, 'transcript.jsonl')).calls.map((call) => ('response' in call ? call.response : undefined));
    expect(responses.slice(0, 4).map((response) => response?.serverAttempts?.map((attempt) => attempt.status ?? 'no status'))).toEqual([
      [500, 503],
      [429, 'no status'],
      ['no status', 'no status'],
      ['no status'],
    ]);
    expect(responses[0]?.reasoning).toMatch(/goes in strings/);
    expect(responses[1]?.warnings?.[0]).toMatch(/taken from the model's reasoning/);
  }, 120_000);
});
