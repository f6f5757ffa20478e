// Bundles the viewer's UI (Preact) into ui-dist/: run by `pnpm install` (prepare), the package build, the
// test setup, and `ndli view` itself when the bundle is missing. One classic script, so a static export
// opens from file:// (browsers refuse module scripts there).
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');
const outputDirectory = join(packageDirectory, 'ui-dist');
mkdirSync(outputDirectory, { recursive: true });
await build({
  entryPoints: [join(packageDirectory, 'src/ui/main.tsx')],
  outfile: join(outputDirectory, 'app.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync(join(packageDirectory, 'src/ui/styles.css'), join(outputDirectory, 'app.css'));
