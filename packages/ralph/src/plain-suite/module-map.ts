import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Inside the repository ralph runs from its TypeScript sources; installed, from dist/. */
const EXTENSION = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

function beside(path: string): string {
  return fileURLToPath(new URL(`../${path}.${EXTENSION}`, import.meta.url));
}

/**
 * The tsconfig a judge's Playwright run is given (its config's `tsconfig`): its `paths` send a spec folder's
 * `@playwright/test` to the judge's plain-suite module and `@ndli/ralph/spec` to the `app` fixture — or, in a
 * mutation check, to their mutation-aware versions. Playwright applies `paths` to every file it compiles (the
 * suite, its helpers, its fixtures; never a file under node_modules), which also makes both resolve for a spec
 * folder outside any project, with no node_modules of its own. A suite's own tsconfig is not read then.
 */
export function writeModuleMap(directory: string, options: { mutation: boolean }): string {
  const paths = {
    '@playwright/test': [beside(options.mutation ? 'spec-check/plain-mutation-fixture' : 'plain-suite/index')],
    '@ndli/ralph/spec': [beside(options.mutation ? 'spec-check/mutation-fixture' : 'app-fixture/index')],
  };
  const file = join(directory, 'tsconfig.json');
  writeFileSync(file, `${JSON.stringify({ compilerOptions: { allowJs: true, paths } }, null, 2)}\n`);
  return file;
}
