import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findSpecsDirectory, type SpecLookupOptions } from '@ndli/ralph';

/** The spec folders that ship with this checkout, for a CLI run from outside it. */
const BUNDLED_SPECS = fileURLToPath(new URL('../../../../specs', import.meta.url));

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
