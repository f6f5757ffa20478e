import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { OutputDirectoryInUseError } from './errors.js';

const LOCK_NAME = '.judge.lock';
const OWNER_NAME = '.judge-owner.txt';
/**
 * proper-lockfile refreshes the lock's mtime while it is held and treats an older one as left by a dead process; a
 * judge killed with SIGKILL therefore frees its directory after this long.
 */
const STALE_MS = 20_000;

/**
 * Takes the output directory for one judge run (proper-lockfile: an atomic mkdir, kept fresh while held, taken over
 * when stale). Throws OutputDirectoryInUseError at once when another run, in this process or another, holds it.
 * Returns the release function.
 */
/** True when `owner` (as written to the owner file) names a process of this machine that no longer exists. */
export function ownerIsGone(owner: string | undefined): boolean {
  const match = /^pid (\d+) on (\S+) /.exec(owner ?? '');
  if (!match || match[2] !== hostname()) return false;
  try {
    process.kill(Number(match[1]), 0);
    return false;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'ESRCH';
  }
}

function readOwner(ownerFile: string): string | undefined {
  try {
    return readFileSync(ownerFile, 'utf8').trim();
  } catch {
    return undefined;
  }
}

export async function lockOutputDirectory(outputDirectory: string): Promise<() => Promise<void>> {
  const ownerFile = join(outputDirectory, OWNER_NAME);
  const lockPath = join(outputDirectory, LOCK_NAME);
  const take = () =>
    lockfile.lock(outputDirectory, {
      lockfilePath: lockPath,
      stale: STALE_MS,
      retries: 0,
      realpath: false,
      // On a loaded machine a refresh can come late; the run goes on (its default would throw asynchronously).
      onCompromised: () => undefined,
    });
  const locked = (error: unknown): boolean => error instanceof Error && 'code' in error && error.code === 'ELOCKED';
  let release: () => Promise<void>;
  try {
    release = await take();
  } catch (error) {
    if (!locked(error)) throw error;
    const owner = readOwner(ownerFile);
    // A judge killed with SIGKILL (its run resumed at once) leaves a lock that is not yet stale: its owner is gone.
    if (!ownerIsGone(owner)) throw new OutputDirectoryInUseError(outputDirectory, owner);
    rmSync(lockPath, { recursive: true, force: true });
    try {
      release = await take();
    } catch (again) {
      if (locked(again)) throw new OutputDirectoryInUseError(outputDirectory, readOwner(ownerFile));
      throw again;
    }
  }
  writeFileSync(ownerFile, `pid ${process.pid} on ${hostname()} since ${new Date().toISOString()}`);
  return async () => {
    rmSync(ownerFile, { force: true });
    await release().catch(() => undefined);
  };
}
