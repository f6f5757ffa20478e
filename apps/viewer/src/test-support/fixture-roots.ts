import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../test-fixtures/', import.meta.url));
export const DEMO_RUN = 'run_20261201_200748';
export const SECRET = 'secret outside the roots';

export interface FixtureRoots {
  base: string;
  output: string;
  bench: string;
  /** Runs and a bench of a spec that holds tests out (a root of its own: the other roots' lists stay as they are). */
  heldOut: string;
  /** A folder beside the roots that must never be served. */
  outside: string;
  remove(): void;
}

/**
 * A writable copy of the fixtures (tests grow runs in it), with a secret file beside the roots and
 * symbolic links that lead out of them.
 */
export function makeFixtureRoots(): FixtureRoots {
  const base = mkdtempSync(join(tmpdir(), 'ndli-viewer-'));
  const output = join(base, 'output');
  const bench = join(base, 'bench');
  const heldOut = join(base, 'held-out');
  const outside = join(base, 'outside');
  cpSync(join(FIXTURES, 'output'), output, { recursive: true });
  cpSync(join(FIXTURES, 'bench'), bench, { recursive: true });
  cpSync(join(FIXTURES, 'held-out'), heldOut, { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.txt'), SECRET);
  writeFileSync(join(outside, 'secret.html'), `<p>${SECRET}</p>`);
  symlinkSync(outside, join(output, 'link-out'));
  symlinkSync(join(outside, 'secret.txt'), join(output, DEMO_RUN, 'secret.png'));
  symlinkSync(join(outside, 'secret.html'), join(output, DEMO_RUN, 'secret.html'));
  return { base, output, bench, heldOut, outside, remove: () => rmSync(base, { recursive: true, force: true }) };
}
