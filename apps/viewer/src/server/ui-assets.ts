import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where `scripts/build-ui.mjs` writes the bundled UI (the same from src/server and dist/server). */
export const UI_DIST = fileURLToPath(new URL('../../ui-dist/', import.meta.url));
const BUILD_SCRIPT = fileURLToPath(new URL('../../scripts/build-ui.mjs', import.meta.url));

/** The UI bundle is made by `pnpm install` (prepare) and the build; a checkout that skipped both builds it now. */
export function ensureUiBundle(): void {
  if (existsSync(`${UI_DIST}app.js`) && existsSync(`${UI_DIST}app.css`)) return;
  execFileSync(process.execPath, [BUILD_SCRIPT], { stdio: 'inherit' });
}

export function readUiAsset(name: 'app.js' | 'app.css'): string {
  ensureUiBundle();
  return readFileSync(`${UI_DIST}${name}`, 'utf8');
}

/** The page that loads the UI. `data.js` exists only in a static export (it embeds every view). */
export function uiShell(options: { embeddedData: boolean }): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>NDLI viewer</title><link rel="stylesheet" href="assets/app.css"></head>
<body><div id="app"></div>
${options.embeddedData ? '<script src="data.js"></script>\n' : ''}<script src="assets/app.js"></script>
</body></html>
`;
}
