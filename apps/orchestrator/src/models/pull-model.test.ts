import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { isModelError } from '@ndli/models';
import { tinyGgufBytes } from '@ndli/models/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureLocalModel, formatDownloadProgress, pullLocalModel } from './pull-model.js';

function output(): PassThrough & { text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return Object.assign(stream, { text: () => text });
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  server = undefined;
});

describe('formatDownloadProgress', () => {
  it('shows a bar, the percentage, size, speed and time left', () => {
    expect(formatDownloadProgress({ receivedBytes: 2.1e9, totalBytes: 4.2e9, bytesPerSecond: 35.2e6, etaSeconds: 72 }, 10)).toBe(
      '[#####-----]  50%  2.10 GB / 4.20 GB  35.2 MB/s  1m12s left',
    );
  });

  it('shows what it can without a known size', () => {
    expect(formatDownloadProgress({ receivedBytes: 5e6, totalBytes: undefined, bytesPerSecond: undefined, etaSeconds: undefined })).toBe('5.0 MB');
  });
});

describe('pullLocalModel (the tiny random GGUF from a server on 127.0.0.1)', () => {
  it('downloads a .gguf URL into the models folder, then says it is already there', async () => {
    const model = tinyGgufBytes();
    server = createServer((_request, response) => response.writeHead(200, { 'content-length': model.length }).end(model));
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/files/tiny-random.gguf`;
    const directory = await mkdtemp(join(tmpdir(), 'ndli-models-'));
    const first = output();
    const path = await pullLocalModel(url, { out: first, modelsDirectory: directory });
    expect(path).toBe(join(directory, 'tiny-random.gguf'));
    expect((await readFile(path)).equals(model)).toBe(true);
    expect(first.text()).toMatch(/100%/);
    const second = output();
    await pullLocalModel(url, { out: second, modelsDirectory: directory });
    expect(second.text()).toContain('already downloaded');
  });

  it('refuses a URL that is not a .gguf, and a file path (nothing to download)', async () => {
    await expect(pullLocalModel('https://example.invalid/model.bin', { out: output() })).rejects.toThrow(/does not name a \.gguf file/);
    await expect(pullLocalModel('./some/model.gguf', { out: output() })).rejects.toThrow(/nothing to download/);
  });
});

describe('ensureLocalModel', () => {
  it('without a terminal, names the pull command for a model not downloaded', async () => {
    const previous = process.env['NDLI_MODELS_DIR'];
    process.env['NDLI_MODELS_DIR'] = await mkdtemp(join(tmpdir(), 'ndli-models-'));
    try {
      const failure = await ensureLocalModel('local/qwen2.5-coder-1.5b', { interactive: false, out: output() }).catch((error: unknown) => error);
      expect(isModelError(failure) && failure.code).toBe('MODEL_NOT_DOWNLOADED');
      expect(isModelError(failure) && failure.hint).toContain('ndli models pull qwen2.5-coder-1.5b');
    } finally {
      if (previous === undefined) delete process.env['NDLI_MODELS_DIR'];
      else process.env['NDLI_MODELS_DIR'] = previous;
    }
  });

  it('passes a local file and other providers through without asking', async () => {
    await expect(ensureLocalModel('lmstudio/qwen', { interactive: false, out: output() })).resolves.toBeUndefined();
    await expect(ensureLocalModel('local/./missing.gguf', { interactive: false, out: output() })).resolves.toBeUndefined();
    expect(existsSync('./missing.gguf')).toBe(false);
  });
});
