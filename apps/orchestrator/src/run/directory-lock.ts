import { closeSync, existsSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { DirectoryInUseError } from '../errors.js';

/**
 * One writer per run (or bench) directory. A lock file made with O_EXCL holds who writes: pid, host
 * and start time. proper-lockfile was considered and not used: it judges a lock stale by the age of
 * its mtime, so a long model call (minutes) would need a heartbeat, and a lock left by a SIGKILLed
 * process would block for the stale period; here a lock is stale exactly when its process is gone.
 */

export const LOCK_FILE = 'ndli.lock';

export const LockOwnerSchema = z.object({ pid: z.number().int(), host: z.string(), startedAt: z.string(), command: z.string().optional() });
export type LockOwner = z.infer<typeof LockOwnerSchema>;

export interface DirectoryLock {
  readonly path: string;
  readonly owner: LockOwner;
  /** The previous owner when its lock was left by a process that is gone (same host), else undefined. */
  readonly takenOverFrom: LockOwner | undefined;
  /** Removes the lock file if it is still this process's. Safe to call twice. */
  release(): void;
}

export interface LockOptions {
  /** What the directory is, for the message: `run` or `bench`. */
  kind?: 'run' | 'bench';
  /** Recorded in the lock, e.g. `ndli resume`. */
  command?: string;
}

/** Whether a process with this pid exists on this machine (a zombie counts as gone). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return true;
  try {
    // Field 3 (after the parenthesised command name) is the state; Z = exited, not yet reaped.
    return !/\)\s+Z\s/.test(readFileSync(stat, 'utf8'));
  } catch {
    return true;
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const parsed = LockOwnerSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function tryCreate(path: string, owner: LockOwner): boolean {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(descriptor, `${JSON.stringify(owner)}\n`);
  } finally {
    closeSync(descriptor);
  }
  return true;
}

function sameOwner(left: LockOwner | undefined, right: LockOwner): boolean {
  return left !== undefined && left.pid === right.pid && left.host === right.host && left.startedAt === right.startedAt;
}

/**
 * Takes the directory's lock or throws DirectoryInUseError (exit 2) naming the live owner. A lock whose
 * process is gone on this host is taken over (`takenOverFrom` says from whom); a lock from another
 * host cannot be checked and is never taken over.
 */
export function acquireDirectoryLock(directory: string, options: LockOptions = {}): DirectoryLock {
  const path = join(directory, LOCK_FILE);
  const kind = options.kind ?? 'run';
  const owner: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), ...(options.command ? { command: options.command } : {}) };
  let takenOverFrom: LockOwner | undefined;
  // Two tries: the second after removing a dead owner's lock; losing that race to another taker refuses.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (tryCreate(path, owner)) {
      let released = false;
      return {
        path,
        owner,
        takenOverFrom,
        release: () => {
          if (released) return;
          released = true;
          if (sameOwner(readOwner(path), owner)) unlinkSync(path);
        },
      };
    }
    const current = readOwner(path);
    if (current === undefined) {
      // Unreadable: a writer between open and write, or a damaged file. Never guess; say where it is.
      throw new DirectoryInUseError(kind, directory, undefined, path);
    }
    if (current.host !== owner.host || isProcessAlive(current.pid)) throw new DirectoryInUseError(kind, directory, current, path);
    // Re-read right before removing, so a lock another taker just wrote is not the one removed.
    if (!sameOwner(readOwner(path), current)) continue;
    unlinkSync(path);
    takenOverFrom = current;
  }
  throw new DirectoryInUseError(kind, directory, readOwner(path), path);
}
