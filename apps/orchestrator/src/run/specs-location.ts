import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { findSpecsDirectory, type SpecLookupOptions } from '@ndli/ralph';

/** The spec folders that ship with the CLI (the @ndli/specs package; in this repository, specs/). */
const BUNDLED_SPECS = dirname(createRequire(import.meta.url).resolve('@ndli/specs/package.json'));

/**
 * Where target apps are looked up: `--specs-dir`/config, else NDLI_SPECS_DIR or a `specs/` folder
 * above the working directory, else the specs bundled with NDLI.
 */
export function specLookup(cwd: string, specsDir: string | undefined): SpecLookupOptions {
  if (specsDir) return { cwd, specsDirectory: resolve(cwd, specsDir) };
  try {
    return { cwd, specsDirectory: findSpecsDirectory({ cwd }) };
  } catch (error) {
    if (existsSync(BUNDLED_SPECS)) return { cwd, specsDirectory: BUNDLED_SPECS };
    throw error;
  }
}
