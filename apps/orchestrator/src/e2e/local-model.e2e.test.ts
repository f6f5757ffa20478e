import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTinyGguf } from '@ndli/models/testing';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';
import { tinySpecsDirectory } from '../test-support/tiny-app.js';

// Real inference, random weights: `ndli run tiny --model local/<file>` drives llama.cpp in-process on a
// tiny random GGUF. It proves the wiring end to end (spec → phases → grammar-constrained sampling →
// call records → an honest, bounded failure); random weights write no app. The model favours `"`, `]`,
// `{` and `}` wherever the grammar allows them, so its answers to latent-core's schemas (no maxLength)
// close and parse instead of all being cut at the token limit.

describe('ndli run on a local model (real inference, random weights)', () => {
  it('goes INIT → REFINE → GENERATE on real tokens, records every call, and ends in a bounded failure', async () => {
    const modelPath = await writeTinyGguf({ favouredCharacters: '"]}{', contextLength: 16_384 });
    const cwd = mkdtempSync(join(tmpdir(), 'ndli-local-run-'));
    const previousThreads = process.env['NDLI_LOCAL_THREADS'];
    process.env['NDLI_LOCAL_THREADS'] = '1';
    // Seed 2 samples an INIT with one unsolved task and no solved one: a solved task's random "code" would
    // fail latent-core's checks at INIT. Sampling is deterministic for a seed, one thread and this llama.cpp build.
    const result = await runCli(
      ['run', 'tiny', '--model', `local/${modelPath}`, '--specs-dir', tinySpecsDirectory(), '--max-tokens', '600', '--max-refinements', '1', '--max-rounds', '1', '--seed', '2', '--temperature', '1'],
      cwd,
    ).finally(() => {
      if (previousThreads === undefined) delete process.env['NDLI_LOCAL_THREADS'];
      else process.env['NDLI_LOCAL_THREADS'] = previousThreads;
    });
    expect(result.stderr).toContain('llama.cpp in-process: ');
    expect(result.stdout).toContain('INIT');
    // Random weights write no app: the run fails (an error exit, no verdict), it does not hang or pass.
    expect(result.code).not.toBe(0);
    const [runName] = readdirSync(join(cwd, 'output'));
    const callsDirectory = join(cwd, 'output', runName ?? '', 'round_1', 'calls');
    const files = readdirSync(callsDirectory).sort();
    const calls = files.map((file) => JSON.parse(readFileSync(join(callsDirectory, file), 'utf8')) as Record<string, unknown>);
    // Every phase of the inner loop ran on the model, in order.
    const phases = calls.map((call) => call['phase']);
    expect(phases.slice(0, 3)).toEqual(['init', 'refine', 'generate']);
    for (const call of calls) {
      // Real tokens, counted by the model's tokenizer, each call kept with its raw text.
      expect(String(call['rawText']).startsWith('{')).toBe(true);
      expect((call['usage'] as { completionTokens: number }).completionTokens).toBeGreaterThan(0);
      expect((call['usage'] as { promptTokens: number }).promptTokens).toBeGreaterThan(0);
      // The grammar's guarantee: every answer is JSON of the schema, so nothing ends as a parse failure.
      expect(call['finishReason']).toBe('stop');
      expect(() => JSON.parse(String(call['rawText'])) as unknown).not.toThrow();
    }
    const transcript = readFileSync(join(cwd, 'output', runName ?? '', 'transcript.jsonl'), 'utf8').trim().split('\n');
    // A header line, then one line per call.
    expect(transcript.length).toBe(calls.length + 1);
  }, 150_000);

  it('without --model and nothing to run on, says in one line how to get a model (exit 2)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ndli-no-model-'));
    const saved = { models: process.env['NDLI_MODELS_DIR'], lmstudio: process.env['LMSTUDIO_BASE_URL'], ollama: process.env['OLLAMA_BASE_URL'] };
    // No downloaded model, and the servers' addresses point at a closed port (port 9, discard): nothing answers.
    process.env['NDLI_MODELS_DIR'] = mkdtempSync(join(tmpdir(), 'ndli-models-'));
    process.env['LMSTUDIO_BASE_URL'] = 'ws://127.0.0.1:9';
    process.env['OLLAMA_BASE_URL'] = 'http://127.0.0.1:9';
    const result = await runCli(['run', 'tiny', '--specs-dir', tinySpecsDirectory()], cwd).finally(() => {
      for (const [name, value] of [['NDLI_MODELS_DIR', saved.models], ['LMSTUDIO_BASE_URL', saved.lmstudio], ['OLLAMA_BASE_URL', saved.ollama]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('none found');
    expect(result.stderr).toContain('ndli models pull qwen2.5-coder-1.5b');
    expect(result.stderr).toContain('--model replay/demo');
  }, 60_000);
});
