import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ownPackage = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export const NDLI_VERSION = ownPackage.version;

/** Versions a researcher needs to reproduce a run. */
export function runtimeVersions(): Record<string, string> {
  return { node: process.version, ndli: NDLI_VERSION, platform: `${process.platform}-${process.arch}` };
}

/** The commit of the checkout the run came from, if it is one. */
export function gitCommit(cwd: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}
