import { existsSync } from 'node:fs';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../errors.js';
import { tinyGgufBytes } from '../../testing/tiny-gguf.js';
import { downloadModelFile, type DownloadProgress } from './model-download.js';
import { memoryFit } from './memory-fit.js';

// Downloads of the tiny random GGUF from a real HTTP server on 127.0.0.1: progress, a cut connection
// and its resume, files that are short or not a model.

type Behaviour = 'whole' | 'cut-once' | 'short' | 'not-a-model' | 'no-ranges';

let model: Buffer;
let server: Server | undefined;
const rangeRequests: string[] = [];

beforeAll(() => {
  model = tinyGgufBytes();
});

afterEach(async () => {
  rangeRequests.length = 0;
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  server = undefined;
});

async function serve(behaviour: Behaviour): Promise<string> {
  let served = 0;
  server = createServer((request, response) => {
    served += 1;
    const range = /bytes=(\d+)-/.exec(request.headers.range ?? '');
    if (range?.[1] !== undefined) rangeRequests.push(request.headers.range ?? '');
    if (behaviour === 'not-a-model') {
      response.writeHead(200, { 'content-length': 19 }).end('<html>error</html>\n');
      return;
    }
    if (range?.[1] !== undefined && behaviour !== 'no-ranges') {
      const start = Number(range[1]);
      response.writeHead(206, { 'content-length': model.length - start, 'content-range': `bytes ${start}-${model.length - 1}/${model.length}` });
      response.end(model.subarray(start));
      return;
    }
    response.writeHead(200, { 'content-length': model.length });
    if (behaviour === 'short' || (behaviour === 'cut-once' && served === 1)) {
      // Half the file, then the connection dies.
      response.write(model.subarray(0, Math.floor(model.length / 2)), () => response.destroy());
      return;
    }
    response.end(model);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server?.address() as AddressInfo).port}/tiny.gguf`;
}

async function target(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'ndli-pull-')), 'tiny.gguf');
}

describe('downloadModelFile', () => {
  it('downloads with progress (size, speed, time left) and renames into place only when complete', async () => {
    const url = await serve('whole');
    const path = await target();
    const events: DownloadProgress[] = [];
    const result = await downloadModelFile(url, path, { onProgress: (progress) => events.push(progress) });
    expect(result).toEqual({ path, bytes: model.length, resumed: false });
    expect((await readFile(path)).equals(model)).toBe(true);
    expect(existsSync(`${path}.part`)).toBe(false);
    expect(events.at(-1)?.receivedBytes).toBe(model.length);
    expect(events.at(-1)?.totalBytes).toBe(model.length);
  });

  it('leaves only a .part file when the connection is cut, and resumes it with a range request', async () => {
    const url = await serve('cut-once');
    const path = await target();
    const failure = await downloadModelFile(url, path).catch((error: unknown) => error);
    expect(ModelError.isInstance(failure) && failure.code).toBe('MODEL_DOWNLOAD_FAILED');
    expect(existsSync(path)).toBe(false);
    const kept = (await stat(`${path}.part`)).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(model.length);

    const result = await downloadModelFile(url, path);
    expect(result.resumed).toBe(true);
    expect(rangeRequests).toEqual([`bytes=${kept}-`]);
    expect((await readFile(path)).equals(model)).toBe(true);
  });

  it('restarts cleanly when the server ignores the range', async () => {
    const url = await serve('no-ranges');
    const path = await target();
    await writeFile(`${path}.part`, model.subarray(0, 1000));
    const result = await downloadModelFile(url, path);
    expect(result.resumed).toBe(false);
    expect((await readFile(path)).equals(model)).toBe(true);
  });

  it('refuses a file that is short of its announced size', async () => {
    const url = await serve('short');
    const path = await target();
    const failure = await downloadModelFile(url, path).catch((error: unknown) => error);
    expect(ModelError.isInstance(failure) && failure.code).toBe('MODEL_DOWNLOAD_FAILED');
    expect(existsSync(path)).toBe(false);
  });

  it('refuses and deletes a download that is not a model', async () => {
    const url = await serve('not-a-model');
    const path = await target();
    const failure = await downloadModelFile(url, path).catch((error: unknown) => error);
    expect(ModelError.isInstance(failure) && failure.code).toBe('MODEL_DOWNLOAD_FAILED');
    expect((failure as ModelError).message).toContain('not a GGUF');
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.part`)).toBe(false);
  });
});

describe('memoryFit', () => {
  const machine = { totalRamBytes: 8e9, freeRamBytes: 6e9, totalVramBytes: 0 };

  it('refuses a model larger than the machine and names a smaller alias', () => {
    const fit = memoryFit(12e9, machine);
    expect(fit.verdict).toBe('too-large');
    expect(fit.message).toContain('qwen2.5-coder-7b');
  });

  it('warns when the model needs more than is free now', () => {
    expect(memoryFit(6.5e9, machine).verdict).toBe('tight');
    expect(memoryFit(2e9, machine).verdict).toBe('fits');
  });
});
