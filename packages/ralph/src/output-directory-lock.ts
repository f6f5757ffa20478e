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
export async function lockOutputDirectory(outputDirectory: string): Promise<() => Promise<void>> {
  const ownerFile = join(outputDirectory, OWNER_NAME);
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(outputDirectory, { lockfilePath: join(outputDirectory, LOCK_NAME), stale: STALE_MS, retries: 0,
      realpath: false,
      // On a loaded machine a refresh can come late; the run goes on (its default would throw asynchronously).
      onCompromised: () => undefined,
    });
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ELOCKED') {
      let owner: string | undefined;
      try {
        owner = readFileSync(ownerFile, 'utf8').trim();
      } catch {
        owner = undefined;
      }
      throw new OutputDirectoryInUseError(outputDirectory, owner);
    }
    throw error;
  }
  writeFileSync(ownerFile, `pid ${process.pid} on ${hostname()} since ${new Date().toISOString()}`);
  return async () => {
    rmSync(ownerFile, { force: true });
    await release().catch(() => undefined);
  };
}
