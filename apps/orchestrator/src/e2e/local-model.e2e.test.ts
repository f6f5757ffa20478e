import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTinyGguf } from '@ndli/models/testing';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';
import { tinySpecsDirectory } from '../test-support/tiny-app.js';

// Real inference, random weights: `ndli run tiny --model local/<file>` drives llama.cpp in-process on a
// tiny random GGUF. It proves the wiring end to end (spec → phases → grammar-constrained sampling →
// call records → an honest, bounded failure); random weights write no app.

describe('ndli run on a local model (real inference, random weights)', () => {
  it('samples real tokens for the phases, records every call, and ends in a bounded failure', async () => {
    const modelPath = await writeTinyGguf();
    const cwd = mkdtempSync(join(tmpdir(), 'ndli-local-run-'));
    const previousThreads = process.env['NDLI_LOCAL_THREADS'];
    process.env['NDLI_LOCAL_THREADS'] = '1';
    const result = await runCli(
      ['run', 'tiny', '--model', `local/${modelPath}`, '--specs-dir', tinySpecsDirectory(), '--max-tokens', '120', '--max-refinements', '1', '--max-rounds', '1', '--seed', '1', '--temperature', '1'],
      cwd,
    ).finally(() => {
      if (previousThreads === undefined) delete process.env['NDLI_LOCAL_THREADS'];
      else process.env['NDLI_LOCAL_THREADS'] = previousThreads;
    });
    expect(result.stderr).toContain('llama.cpp in-process: ');
    expect(result.stdout).toContain('INIT');
    // Random weights do not finish a reasoning state within 120 tokens: the run fails, it does not hang or pass.
    expect(result.code).not.toBe(0);
    const [runName] = readdirSync(join(cwd, 'output'));
    const callsDirectory = join(cwd, 'output', runName ?? '', 'round_1', 'calls');
    const calls = readdirSync(callsDirectory).map((file) => JSON.parse(readFileSync(join(callsDirectory, file), 'utf8')) as Record<string, unknown>);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      // Real tokens, counted by the model's tokenizer, each call kept with its raw text.
      expect(String(call['rawText']).startsWith('{')).toBe(true);
      expect((call['usage'] as { completionTokens: number }).completionTokens).toBeGreaterThan(0);
      expect((call['usage'] as { promptTokens: number }).promptTokens).toBeGreaterThan(0);
      expect(['length', 'stop']).toContain(call['finishReason']);
    }
    const transcript = readFileSync(join(cwd, 'output', runName ?? '', 'transcript.jsonl'), 'utf8').trim().split('\n');
    // A header line, then one line per call.
    expect(transcript.length).toBe(calls.length + 1);
  }, 150_000);
});
