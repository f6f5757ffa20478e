import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** vitest globalSetup: the server and the browser tests load the bundled UI, built fresh from source here. */
export default function buildUiOnce(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/build-ui.mjs', import.meta.url))], { stdio: 'inherit' });
}
