import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTranscript } from '@ndli/models';
import { afterAll, describe, expect, it } from 'vitest';
import { RunMetadataSchema } from '../run/run-metadata.js';
import { runCli, startCli } from '../test-support/run-cli.js';
import { startScriptedOpenAiServer, type ScriptedServer } from '../test-support/scripted-openai-server.js';
import { tinySpecsDirectory } from '../test-support/tiny-app.js';
import { tinyPassScenario } from '../test-support/tiny-scenarios.js';
import { transcriptAnswers } from '../test-support/transcript-answers.js';

// The real CLI against a SCRIPTED OpenAI-compatible server (recorded like a real model), Ralph in real Chromium.
const specsDirectory = tinySpecsDirectory();
const answers = transcriptAnswers(tinyPassScenario('scripted-coder')).map(String);
const servers: ScriptedServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

function runDirectoryIn(cwd: string): string {
  const output = join(cwd, 'output');
  const runs = existsSync(output) ? readdirSync(output).filter((entry) => entry.startsWith('run_')) : [];
  expect(runs).toHaveLength(1);
  return join(output, runs[0] ?? '');
}

describe('a run killed with SIGKILL mid-inner-loop', () => {
  it('refuses a concurrent resume, resumes to PASSED after the kill, and its transcript replays the whole run', async () => {
    // Request 3 is the second REFINE: the server never answers it while the first process lives.
    const server = await startScriptedOpenAiServer(answers, { holdAt: 3 });
    servers.push(server);
    const cwd = mkdtempSync(join(tmpdir(), 'ndli-sigkill-'));
    const model = ['--model', 'openai-compatible/scripted-coder', '--base-url', server.baseUrl, '--specs-dir', specsDirectory, '--max-refinements', '4'];
    const { child, done } = startCli(['run', 'tiny', ...model], cwd);
    await server.held;
    const runDirectory = runDirectoryIn(cwd);

    // A second writer while the run is alive: refused at once, exit 2, naming the live pid.
    const concurrent = await runCli(['resume', runDirectory], cwd);
    expect(concurrent.code, concurrent.stdout + concurrent.stderr).toBe(2);
    expect(concurrent.stderr).toContain(`is in progress (pid ${child.pid}); wait or stop it`);

    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    const killed = RunMetadataSchema.parse(JSON.parse(readFileSync(join(runDirectory, 'run_metadata.json'), 'utf8')));
    expect(killed.status).toBe('running');
    // Counters were written call by call: the two answered calls are already counted.
    expect(killed.tokens.prompt).toBe(200);
    expect(readTranscript(join(runDirectory, 'transcript.jsonl')).calls).toHaveLength(2);

    server.release();
    const resumed = await runCli(['resume', runDirectory], cwd);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`Took over the lock .* \\(pid ${child.pid},`));
    expect(resumed.stdout).toMatch(/PASSED/);
    const after = RunMetadataSchema.parse(JSON.parse(readFileSync(join(runDirectory, 'run_metadata.json'), 'utf8')));
    expect(after).toMatchObject({ status: 'passed', resumes: 1, tokens: { prompt: 400 } });
    expect(existsSync(join(runDirectory, 'ndli.lock'))).toBe(false);

    // One header, every call of both sessions, numbered 0…3.
    const transcriptPath = join(runDirectory, 'transcript.jsonl');
    expect(readFileSync(transcriptPath, 'utf8').match(/"type":"transcript"/g)).toHaveLength(1);
    expect(readTranscript(transcriptPath).calls.map((call) => [call.index, call.request.schemaName])).toEqual([
      [0, 'reasoning_state'],
      [1, 'reasoning_state'],
      [2, 'reasoning_state'],
      [3, 'generated_artifact'],
    ]);

    // Replaying the transcript from scratch gives the same artifacts.
    const replayCwd = mkdtempSync(join(tmpdir(), 'ndli-replay-'));
    const replay = await runCli(['run', 'tiny', '--model', `replay/${transcriptPath}`, '--specs-dir', specsDirectory, '--max-refinements', '4'], replayCwd);
    expect(replay.code, replay.stdout + replay.stderr).toBe(0);
    const replayDirectory = runDirectoryIn(replayCwd);
    expect(readFileSync(join(replayDirectory, 'tiny.html'), 'utf8')).toBe(readFileSync(join(runDirectory, 'tiny.html'), 'utf8'));
    for (const file of ['state_init.json', 'state_refine_1.json', 'state_final.json', 'tiny.html']) {
      expect(readFileSync(join(replayDirectory, 'round_1', file), 'utf8'), file).toBe(readFileSync(join(runDirectory, 'round_1', file), 'utf8'));
    }
  }, 240_000);
});
