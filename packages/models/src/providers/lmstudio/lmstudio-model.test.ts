import { spawnSync } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ModelAbortedError, ModelUnreachableError } from '../../errors.js';
import type { GenerateObjectRequest } from '../../language-model.js';
import { resolveLmStudioAddress } from './lmstudio-base-url.js';
import { LmStudioModel } from './lmstudio-model.js';

const schema = z.object({ ok: z.boolean() });
const request: GenerateObjectRequest<{ ok: boolean }> = {
  system: 's',
  prompt: 'p',
  schema,
  jsonSchema: z.toJSONSchema(schema),
  schemaName: 'ok',
  maxTokens: 16,
};

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A port that was just free: nothing listens there. */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  servers.splice(servers.indexOf(server), 1);
  return port;
}

describe('LmStudioModel when LM Studio is not there', () => {
  it('fails fast with ModelUnreachableError and a hint on how to start the server, without unhandled rejections', async () => {
    const port = await closedPort();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const started = Date.now();
      const error = await new LmStudioModel('qwen2.5-coder-7b-instruct', { baseUrl: `ws://127.0.0.1:${port}` }).generateObject(request).catch((caught: unknown) => caught);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(error).toBeInstanceOf(ModelUnreachableError);
      const unreachable = error as ModelUnreachableError;
      expect(unreachable.code).toBe('MODEL_UNREACHABLE');
      expect(unreachable.baseUrl).toBe(`ws://127.0.0.1:${port}`);
      expect(unreachable.hint).toContain('lms server start');
      expect(unreachable.hint).toContain('Developer');
      await new Promise((resolve) => setTimeout(resolve, 300)); // give a stray rejection time to surface
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('reports a port where something else answers (not LM Studio) as unreachable, quickly', async () => {
    const port = await listen(createHttpServer((_, response) => response.writeHead(404).end('not here')));
    const started = Date.now();
    const error = await new LmStudioModel('m', { baseUrl: `http://127.0.0.1:${port}` }).generateObject(request).catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error).toBeInstanceOf(ModelUnreachableError);
    expect((error as ModelUnreachableError).hint).toContain('HTTP 404');
  });

  it('reports a port that accepts but never answers as unreachable within the connect timeout', async () => {
    // Reads (so it notices when the client hangs up) but never writes a byte.
    const port = await listen(createTcpServer((socket) => socket.resume()));
    const started = Date.now();
    const error = await new LmStudioModel('m', { baseUrl: `ws://127.0.0.1:${port}`, connectTimeoutMs: 500 }).generateObject(request).catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toBeInstanceOf(ModelUnreachableError);
  });

  it('lets the process exit on its own after the error (no open handles)', { timeout: 30_000 }, async () => {
    const port = await closedPort();
    const moduleUrl = new URL('./lmstudio-model.ts', import.meta.url).href;
    // A separate Node process: if anything (socket, timer, SDK reconnect loop) stayed open, it would not exit before the kill timeout.
    const script = `
      const { LmStudioModel } = await import(${JSON.stringify(moduleUrl)});
      let failedAt = 0;
      // 'exit' only fires once nothing keeps the event loop alive: the delay since the error is the leak.
      process.on('exit', () => console.log('exited after', Date.now() - failedAt));
      process.on('unhandledRejection', () => { console.log('UNHANDLED'); process.exitCode = 3; });
      const error = await new LmStudioModel('m', { baseUrl: 'ws://127.0.0.1:${port}' })
        .generateObject({ system: 's', prompt: 'p', schema: { safeParse: () => ({ success: true, data: {} }) }, jsonSchema: {}, schemaName: 'x', maxTokens: 8 })
        .catch((caught) => caught);
      failedAt = Date.now();
      console.log(error.code);
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      encoding: 'utf8',
      timeout: 25_000, // tsx start-up alone can take seconds on a busy machine
    });
    expect(child.stderr).toBe('');
    const [code, exitLine] = child.stdout.trim().split('\n');
    expect(code).toBe('MODEL_UNREACHABLE');
    expect(child.status).toBe(0);
    expect(Number(exitLine?.replace('exited after ', ''))).toBeLessThan(2000);
  });
});

describe('LmStudioModel abort', () => {
  it('rejects an already aborted call with ModelAbortedError before touching the network', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await new LmStudioModel('m', { baseUrl: 'ws://127.0.0.1:1' }).generateObject({ ...request, abortSignal: controller.signal }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelAbortedError);
  });
});

describe('resolveLmStudioAddress', () => {
  it('defaults to ws://127.0.0.1:1234 and converts http(s) URLs, dropping a /v1 path', () => {
    const saved = process.env['LMSTUDIO_BASE_URL'];
    delete process.env['LMSTUDIO_BASE_URL'];
    try {
      expect(resolveLmStudioAddress().webSocketUrl).toBe('ws://127.0.0.1:1234');
      expect(resolveLmStudioAddress('http://localhost:4321/v1').webSocketUrl).toBe('ws://localhost:4321');
      expect(resolveLmStudioAddress('https://lm.example.com').webSocketUrl).toBe('wss://lm.example.com');
      expect(resolveLmStudioAddress('ws://10.0.0.5:1234').httpUrl).toBe('http://10.0.0.5:1234');
      process.env['LMSTUDIO_BASE_URL'] = 'http://192.168.1.9:1234';
      expect(resolveLmStudioAddress().webSocketUrl).toBe('ws://192.168.1.9:1234');
    } finally {
      if (saved === undefined) delete process.env['LMSTUDIO_BASE_URL'];
      else process.env['LMSTUDIO_BASE_URL'] = saved;
    }
  });

  it('rejects a non-URL protocol with a ModelSpecError', () => {
    expect(() => resolveLmStudioAddress('ftp://x:1')).toThrow(/protocol/);
  });
});
