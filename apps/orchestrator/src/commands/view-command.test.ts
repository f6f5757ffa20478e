import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { viewCommand } from './view-command.js';

let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'ndli-view-command-'));
  const run = join(cwd, 'output', 'run_20260101_000000');
  mkdirSync(run, { recursive: true });
  writeFileSync(join(run, 'run_metadata.json'), JSON.stringify({ kind: 'ndli-run', spec: 'calculator', status: 'failed', model: { spec: 'replay/demo', scripted: true }, mode: 'ndli', rounds: [] }));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

describe('ndli view', () => {
  it('serves ./output on 127.0.0.1, prints the URL, and stops when told', async () => {
    const printed: string[] = [];
    const controller = new AbortController();
    let index: unknown;
    const exitCode = await viewCommand([], { port: 0 }, {
      cwd,
      signal: controller.signal,
      write: (text) => printed.push(text),
      onListening: async (url) => {
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
        index = await (await fetch(`${url}api/index`)).json();
        controller.abort();
      },
    });
    expect(exitCode).toBe(0);
    expect(printed.join('')).toMatch(/NDLI viewer: http:\/\/127\.0\.0\.1:\d+\//);
    expect(index).toMatchObject({ runs: [{ name: 'run_20260101_000000', status: 'failed', scripted: true }], benches: [] });
  });

  it('--export writes a static copy and exits', async () => {
    const printed: string[] = [];
    expect(await viewCommand(['output'], { port: 0, export: 'shared-copy' }, { cwd, write: (text) => printed.push(text) })).toBe(0);
    expect(existsSync(join(cwd, 'shared-copy', 'index.html'))).toBe(true);
    expect(readFileSync(join(cwd, 'shared-copy', 'data.js'), 'utf8')).toContain('run_20260101_000000');
    expect(printed.join('')).toContain('1 run(s), 0 bench(es)');
  });

  it('refuses a port that cannot exist', async () => {
    await expect(viewCommand([], { port: 70_000 }, { cwd })).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('refuses a path that does not exist, with a hint', async () => {
    await expect(viewCommand(['nowhere'], { port: 0 }, { cwd })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('Nothing to view at') });
  });
});
