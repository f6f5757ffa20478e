import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DirectoryInUseError } from '../errors.js';
import { LOCK_FILE, acquireDirectoryLock, isProcessAlive } from './directory-lock.js';

/** The pid of a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('close', resolve));
  return child.pid ?? 999_999;
}

const scratch = () => mkdtempSync(join(tmpdir(), 'ndli-lock-'));

describe('one writer per directory', () => {
  it('holds pid, host and start time, refuses a second writer, and is gone after release', () => {
    const directory = scratch();
    const lock = acquireDirectoryLock(directory, { command: 'ndli run' });
    const onDisk = JSON.parse(readFileSync(join(directory, LOCK_FILE), 'utf8')) as Record<string, unknown>;
    expect(onDisk).toMatchObject({ pid: process.pid, host: hostname(), command: 'ndli run' });
    expect(Number.isNaN(Date.parse(String(onDisk.startedAt)))).toBe(false);

    let refused: unknown;
    try {
      acquireDirectoryLock(directory);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DirectoryInUseError);
    expect((refused as DirectoryInUseError).code).toBe('DIRECTORY_IN_USE');
    expect((refused as Error).message).toBe(`run ${directory} is in progress (pid ${process.pid}); wait or stop it.`);

    lock.release();
    expect(existsSync(join(directory, LOCK_FILE))).toBe(false);
    acquireDirectoryLock(directory).release();
  });

  it('takes over a lock whose process is gone, and says from whom', async () => {
    const directory = scratch();
    const previous = { pid: await deadPid(), host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' };
    writeFileSync(join(directory, LOCK_FILE), JSON.stringify(previous));
    const lock = acquireDirectoryLock(directory, { kind: 'bench' });
    expect(lock.takenOverFrom).toEqual(previous);
    expect(JSON.parse(readFileSync(join(directory, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('never takes over a lock from another host, nor an unreadable one', () => {
    const directory = scratch();
    writeFileSync(join(directory, LOCK_FILE), JSON.stringify({ pid: 1, host: 'elsewhere.invalid', startedAt: '2026-01-01T00:00:00.000Z' }));
    expect(() => acquireDirectoryLock(directory, { kind: 'bench' })).toThrow(/^bench .* is in progress \(pid 1 on elsewhere\.invalid\); wait or stop it\.$/);
    writeFileSync(join(directory, LOCK_FILE), 'half a lo');
    expect(() => acquireDirectoryLock(directory)).toThrow(/lock owner unreadable/);
  });

  it('release leaves a lock that is no longer its own', () => {
    const directory = scratch();
    const lock = acquireDirectoryLock(directory);
    const other = { pid: process.pid, host: hostname(), startedAt: '2099-01-01T00:00:00.000Z' };
    writeFileSync(join(directory, LOCK_FILE), JSON.stringify(other));
    lock.release();
    expect(existsSync(join(directory, LOCK_FILE))).toBe(true);
  });

  it('knows a live process from a gone one', async () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(await deadPid())).toBe(false);
  });
});
