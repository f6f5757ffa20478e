import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelHttpError, ModelSpecError, ModelUnreachableError } from './errors.js';
import { listModels } from './list-models.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function serve(status: number, body: string): Promise<string> {
  const server = createServer((_, response) => response.writeHead(status, { 'content-type': 'application/json' }).end(body));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

describe('listModels', () => {
  it('lists what an OpenAI-compatible server offers', async () => {
    const baseUrl = await serve(200, '{"object":"list","data":[{"id":"qwen2.5-coder:7b"},{"id":"llama3.2:3b"}]}');
    expect(await listModels('ollama', { baseUrl })).toEqual([{ id: 'qwen2.5-coder:7b' }, { id: 'llama3.2:3b' }]);
  });

  it('gives an actionable ModelUnreachableError when nothing answers', async () => {
    const baseUrl = await serve(200, '{}');
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
    const error = await listModels('ollama', { baseUrl }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelUnreachableError);
    expect((error as ModelUnreachableError).hint).toContain('ollama serve');
    expect((error as ModelUnreachableError).hint).toContain(baseUrl);
  });

  it('reports a server that answers without a model list', async () => {
    const baseUrl = await serve(404, 'Not Found');
    const error = await listModels('vllm', { baseUrl }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelHttpError);
    expect((error as ModelHttpError).status).toBe(404);
  });

  it('reports LM Studio not running with the start hint', async () => {
    const baseUrl = await serve(200, '{}');
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
    const error = await listModels('lmstudio', { baseUrl }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelUnreachableError);
    expect((error as ModelUnreachableError).hint).toContain('lms server start');
  });

  it('rejects providers that have no server', async () => {
    await expect(listModels('replay')).rejects.toBeInstanceOf(ModelSpecError);
  });
});
