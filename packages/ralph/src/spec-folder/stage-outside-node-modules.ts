import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SpecFolder } from './spec-folder.js';

/** This package's root (from src/spec-check or dist/spec-check alike). */
const RALPH_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A spec folder inside node_modules (the specs bundled with an installed CLI) as a copy outside it: Playwright
 * neither compiles TypeScript under node_modules nor collects tests there. The copy sits in a folder whose
 * node_modules links this package, so its tests still import `@ndli/ralph/spec`. Other folders are returned as
 * they are. Copies are keyed by the folder's path and spec.json's time, made once, and swapped in whole.
 */
export function stageOutsideNodeModules(folder: SpecFolder): SpecFolder {
  const real = realpathSync(folder.directory);
  if (!real.split(sep).includes('node_modules')) return folder;
  const key = createHash('sha1').update(`${real}:${statSync(join(real, 'spec.json')).mtimeMs}`).digest('hex').slice(0, 12);
  const root = join(tmpdir(), `ndli-specs-${key}`);
  const directory = join(root, basename(real));
  if (!existsSync(directory)) {
    const scratch = mkdtempSync(join(tmpdir(), 'ndli-specs-staging-'));
    cpSync(real, join(scratch, basename(real)), { recursive: true });
    mkdirSync(join(scratch, 'node_modules', '@ndli'), { recursive: true });
    symlinkSync(RALPH_ROOT, join(scratch, 'node_modules', '@ndli', 'ralph'), 'dir');
    try {
      renameSync(scratch, root);
    } catch {
      // Another process staged it first: theirs is identical.
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  const moved = (path: string): string => join(directory, relative(folder.directory, path));
  return {
    ...folder,
    directory,
    testsDirectory: moved(folder.testsDirectory),
    referencePath: moved(folder.referencePath),
    bugs: folder.bugs.map((bug) => ({ ...bug, path: moved(bug.path) })),
    variants: folder.variants.map((variant) => ({ ...variant, path: moved(variant.path) })),
  };
}
