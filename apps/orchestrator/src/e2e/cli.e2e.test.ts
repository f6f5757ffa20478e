import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunMetadataSchema, type RunMetadata } from '../run/run-metadata.js';
import { runCli, startCli } from '../test-support/run-cli.js';
import { startScriptedOpenAiServer } from '../test-support/scripted-openai-server.js';
import { tinyApp, tinySpecsDirectory } from '../test-support/tiny-app.js';
import { tinyFixScenario } from '../test-support/tiny-scenarios.js';
import { transcriptAnswers } from '../test-support/transcript-answers.js';
import { DEMO_ARGUMENTS } from '../test-support/demo-command.js';

// End to end, as a user runs it: the real CLI, the bundled SCRIPTED demo transcript, Ralph in real Chromium.
const CALCULATOR_REFERENCE = fileURLToPath(new URL('../../../../specs/calculator/reference/calculator.html', import.meta.url));
const CONVERTER_REFERENCE = fileURLToPath(new URL('../../../../specs/unit-converter/reference/unit-converter.html', import.meta.url));
const CONVERTER_BUG = fileURLToPath(new URL('../../../../specs/unit-converter/bugs/swap-does-not-recompute.html', import.meta.url));

function onlyRun(outputDirectory: string): string {
  const runs = readdirSync(outputDirectory).filter((entry) => entry.startsWith('run_'));
  expect(runs).toHaveLength(1);
  return join(outputDirectory, runs[0] ?? '');
}

function metadataOf(runDirectory: string): RunMetadata {
  return RunMetadataSchema.parse(JSON.parse(readFileSync(join(runDirectory, 'run_metadata.json'), 'utf8')));
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 9;
}

describe('ndli run --model replay/demo (SCRIPTED, real Chromium)', () => {
  let cwd: string;
  let demo: { code: number | null; stdout: string; runDirectory: string };

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'ndli-demo-'));
    const result = await runCli(DEMO_ARGUMENTS, cwd);
    demo = { code: result.code, stdout: result.stdout, runDirectory: onlyRun(join(cwd, 'output')) };
  }, 240_000);

  it('goes red in round 1, through a FIX round, to green in round 2', () => {
    expect(demo.code, demo.stdout).toBe(0);
    const metadata = metadataOf(demo.runDirectory);
    expect(metadata).toMatchObject({ status: 'passed', endReason: 'all-tests-passed', model: { spec: 'replay/demo', scripted: true } });
    const [first, second] = metadata.rounds;
    expect(first?.kind).toBe('init');
    expect(first?.passed).toBeLessThan(first?.total ?? 0);
    expect(second).toMatchObject({ kind: 'fix', passed: second?.total });
    expect(metadata.best?.round).toBe(2);
    expect(demo.stdout).toMatch(/SCRIPTED/);
    expect(demo.stdout).toMatch(/\[1\] Decomposing/);
    expect(demo.stdout).toMatch(/\[2\.1\] SEARCHING/);
    expect(demo.stdout).toMatch(/Round 2\/5 · FIX/);
    expect(demo.stdout).toMatch(/PASSED/);
  });

  it('leaves every file of the run directory', () => {
    const directory = demo.runDirectory;
    for (const file of ['run_metadata.json', 'events.jsonl', 'calculator.html']) expect(existsSync(join(directory, file)), file).toBe(true);
    for (const file of ['state_init.json', 'state_refine_1.json', 'state_refine_2.json', 'state_final.json', 'calculator.html', 'verdict.json', 'run_metadata.json', 'events.jsonl']) {
      expect(existsSync(join(directory, 'round_1', file)), `round_1/${file}`).toBe(true);
    }
    for (const file of ['state_fix.json', 'state_refine_1.json', 'state_final.json', 'calculator.html', 'verdict.json']) expect(existsSync(join(directory, 'round_2', file)), `round_2/${file}`).toBe(true);
    expect(readdirSync(join(directory, 'round_1', 'calls'))).toEqual(['001-init.json', '002-refine.json', '003-refine.json', '004-generate.json']);
    // The round-1 verdict is real evidence of the seeded bug: 2 + 3 * 4 = shows 14, not 20.
    const verdict = JSON.parse(readFileSync(join(directory, 'round_1', 'verdict.json'), 'utf8')) as { failures: { title: string; actual?: string; expected?: string }[] };
    // Values as a person states them: the spec's trimmed-text pattern /^\s*20\s*$/ reads as the text "20".
    expect(verdict.failures.some((failure) => failure.actual === '"14"' && failure.expected === '"20"')).toBe(true);
    expect(readFileSync(join(directory, 'calculator.html'), 'utf8')).toBe(readFileSync(CALCULATOR_REFERENCE, 'utf8'));
  });

  it('inspect shows the timeline: calls, state counts, tests fixed per round', async () => {
    const result = await runCli(['inspect', demo.runDirectory], cwd);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/001-init\.json\s+init/);
    expect(result.stdout).toMatch(/solved \/ \d+ unsolved/);
    expect(result.stdout).toMatch(/Round 2 · fix/);
    expect(result.stdout).toMatch(/fixed: /);
  });
});

describe('ndli resume of a run killed between rounds (SCRIPTED OpenAI-compatible server, tiny spec, real Chromium)', () => {
  it('a run killed between rounds (after its red verdict, before the FIX answer) resumes to PASSED', async () => {
    // The tiny spec and a SCRIPTED server: what is under test is the outer loop's resume, not the calculator spec.
    // Request 5 is the FIX round's first call: it comes once round 1's verdict is saved, and is never answered while
    // the first process lives.
    const server = await startScriptedOpenAiServer(transcriptAnswers(tinyFixScenario('scripted-coder')).map(String), { holdAt: 5 });
    try {
      const killedCwd = mkdtempSync(join(tmpdir(), 'ndli-kill-'));
      const { child, done } = startCli(['run', 'tiny', '--model', 'openai-compatible/scripted-coder', '--base-url', server.baseUrl, '--specs-dir', tinySpecsDirectory()], killedCwd);
      await server.held;
      const runDirectory = onlyRun(join(killedCwd, 'output'));
      expect(existsSync(join(runDirectory, 'round_1', 'verdict.json'))).toBe(true);
      child.kill('SIGKILL');
      expect((await done).signal).toBe('SIGKILL');
      expect(metadataOf(runDirectory).status).toBe('running');

      server.release();
      const resumed = await runCli(['resume', runDirectory], killedCwd);
      expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
      const after = metadataOf(runDirectory);
      expect(after).toMatchObject({ status: 'passed', endReason: 'all-tests-passed', resumes: 1 });
      // Round 1 red (the seeded bug fails one of the two tests), round 2 the FIX round that went green.
      expect(after.rounds.map((round) => [round.kind, round.passed, round.total])).toEqual([
        ['init', 1, 2],
        ['fix', 2, 2],
      ]);
      expect(readFileSync(join(runDirectory, 'tiny.html'), 'utf8')).toBe(tinyApp(20));
    } finally {
      await server.close();
    }
  }, 240_000);
});

describe('errors a user meets', () => {
  it('an unreachable model server: one actionable line, exit code 3, no hang', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ndli-unreachable-'));
    const port = await closedPort();
    const result = await runCli(['run', 'calculator', '--model', 'lmstudio/qwen2.5-coder-7b-instruct', '--base-url', `ws://127.0.0.1:${port}`], cwd);
    expect(result.code).toBe(3);
    expect(result.elapsedMs).toBeLessThan(15_000);
    expect(result.stderr).toMatch(/Cannot reach the lmstudio server at .*127\.0\.0\.1:\d+/);
    expect(result.stderr).toMatch(/lms server start/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const ollama = await runCli(['run', 'calculator', '--model', 'ollama/qwen2.5-coder:7b', '--base-url', `http://127.0.0.1:${port}/v1`], cwd);
    expect(ollama.code).toBe(3);
    expect(ollama.stderr).toMatch(/Cannot reach/);
  }, 60_000);

  it('ndli test judges any HTML file: exit 0 on green, 1 with a JSON verdict on red', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ndli-test-'));
    const green = await runCli(['test', 'unit-converter', CONVERTER_REFERENCE], cwd);
    expect(green.code, green.stdout + green.stderr).toBe(0);
    expect(green.stdout).toMatch(/passed/);
    const red = await runCli(['test', 'unit-converter', CONVERTER_BUG, '--json'], cwd);
    expect(red.code).toBe(1);
    const verdict = JSON.parse(red.stdout) as { spec: string; total: number; passed: number; failed: number; durationMs: number; failures: { title: string; expected?: string; actual?: string; message: string }[] };
    expect(verdict.spec).toBe('unit-converter');
    expect(verdict.failed).toBeGreaterThan(0);
    expect(verdict.passed + verdict.failed).toBeLessThanOrEqual(verdict.total);
    // Each failure says what was expected and what the app showed.
    const withValues = verdict.failures.filter((failure) => failure.expected !== undefined && failure.actual !== undefined);
    expect(withValues.length).toBeGreaterThan(0);
    expect(withValues.every((failure) => failure.expected !== failure.actual)).toBe(true);
  }, 120_000);

  it('bad config, unknown spec and a missing artifact are usage errors (exit 2) that say what to fix', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ndli-usage-'));
    writeFileSync(join(cwd, 'ndli.config.json'), JSON.stringify({ model: 'replay/demo', maxRounds: 0 }));
    const badConfig = await runCli(['run', 'calculator'], cwd);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toMatch(/maxRounds/);

    const unknown = await runCli(['run', 'no-such-app', '--model', 'replay/demo', '--config', 'none.json'], mkdtempSync(join(tmpdir(), 'ndli-usage-')));
    expect(unknown.code).toBe(2);
    const unknownSpec = await runCli(['test', 'no-such-app', CALCULATOR_REFERENCE], cwd);
    expect(unknownSpec.code).toBe(2);
    expect(unknownSpec.stderr).toMatch(/calculator/);

    const missing = await runCli(['test', 'calculator', join(cwd, 'missing.html')], cwd);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing\.html/);
  }, 60_000);
});
