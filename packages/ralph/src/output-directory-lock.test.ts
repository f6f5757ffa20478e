import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputDirectoryInUseError } from './errors.js';
import { lockOutputDirectory } from './output-directory-lock.js';

describe('lockOutputDirectory', () => {
  it('refuses a second holder at once, naming the first, and frees the directory on release', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ndli-lock-'));
    const release = await lockOutputDirectory(directory);
    const second = lockOutputDirectory(directory);
    await expect(second).rejects.toBeInstanceOf(OutputDirectoryInUseError);
    await expect(second).rejects.toMatchObject({ code: 'OUTPUT_DIRECTORY_IN_USE', message: expect.stringContaining(`pid ${process.pid}`) });
    await release();
    const again = await lockOutputDirectory(directory);
    await again();
  });

  it('takes over at once a fresh lock whose owner, on this machine, is gone (a judge killed with SIGKILL)', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ndli-lock-'));
    // A pid that existed and has ended: a child that exited.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    mkdirSync(join(directory, '.judge.lock'));
    writeFileSync(join(directory, '.judge-owner.txt'), `pid ${gone} on ${hostname()} since 2026-12-02T00:00:00.000Z`);
    const release = await lockOutputDirectory(directory);
    await release();
    // A live owner (this process) is still refused.
    mkdirSync(join(directory, '.judge.lock'));
    writeFileSync(join(directory, '.judge-owner.txt'), `pid ${process.pid} on ${hostname()} since 2026-12-02T00:00:00.000Z`);
    await expect(lockOutputDirectory(directory)).rejects.toBeInstanceOf(OutputDirectoryInUseError);
  });
});
