import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tinyGgufBytes } from '@ndli/models/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { modelsCommand } from './models-command.js';

const previous = process.env['NDLI_MODELS_DIR'];
afterEach(() => {
  vi.restoreAllMocks();
  if (previous === undefined) delete process.env['NDLI_MODELS_DIR'];
  else process.env['NDLI_MODELS_DIR'] = previous;
});

async function listed(flags: { json?: boolean; provider?: string; baseUrl?: string }): Promise<string> {
  let text = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((text += String(chunk)), true));
  await modelsCommand(flags);
  return text;
}

describe('ndli models', () => {
  it('lists the downloaded local models with their sizes beside the servers', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'ndli-models-'));
    process.env['NDLI_MODELS_DIR'] = directory;
    await writeFile(join(directory, 'Qwen2.5-Coder-1.5B-Instruct-Q4_K_M.gguf'), tinyGgufBytes());
    await writeFile(join(directory, 'notes.txt'), 'not a model');
    // A server that is not running is reported, not fatal.
    const text = await listed({ provider: 'ollama', baseUrl: 'http://127.0.0.1:9/v1' });
    expect(text).toContain(`Local models in ${directory}`);
    expect(text).toContain('local/qwen2.5-coder-1.5b  (0.00 GB)');
    expect(text).not.toContain('notes.txt');
    expect(text).toMatch(/ollama: not answering/);

    const json = JSON.parse(await listed({ json: true, provider: 'ollama', baseUrl: 'http://127.0.0.1:9/v1' })) as { local: { models: { model: string; sizeBytes: number }[] } };
    expect(json.local.models).toEqual([{ model: 'local/qwen2.5-coder-1.5b', file: 'Qwen2.5-Coder-1.5B-Instruct-Q4_K_M.gguf', sizeBytes: tinyGgufBytes().length }]);
  });

  it('says how to get a first local model when there is none', async () => {
    process.env['NDLI_MODELS_DIR'] = await mkdtemp(join(tmpdir(), 'ndli-models-'));
    const text = await listed({ provider: 'ollama', baseUrl: 'http://127.0.0.1:9/v1' });
    expect(text).toContain('none yet: `ndli models pull qwen2.5-coder-7b`');
  });
});
