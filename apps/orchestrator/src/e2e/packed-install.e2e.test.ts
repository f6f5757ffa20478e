import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';

// Outside the repository, as a user installs it: every publishable package built and packed (`pnpm pack`), the
// tarballs installed with npm into an empty folder (dependencies come from the npm registry), then the installed
// `ndli` runs the bundled calculator spec with the SCRIPTED demo transcript, and judges a file.
const REPOSITORY = fileURLToPath(new URL('../../../../', import.meta.url));
const PUBLISHABLE = ['packages/models', 'packages/latent-core', 'packages/ralph', 'specs', 'apps/viewer', 'apps/orchestrator'];
const CALCULATOR_REFERENCE = join(REPOSITORY, 'specs/calculator/reference/calculator.html');
const MINUTES = 60_000;

describe('the packed packages, installed outside the repository', () => {
  let app: string;
  const environment = { ...process.env, CI: '1', NO_COLOR: '1', INIT_CWD: undefined, npm_lifecycle_event: undefined, NDLI_SPECS_DIR: undefined, NODE_OPTIONS: undefined };

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'ndli-packed-'));
    const tarballs = join(root, 'tarballs');
    app = join(root, 'app');
    mkdirSync(app);
    // dist/ is what an installed package runs (inside the repo, packages load from source).
    await execa('pnpm', ['--filter', '@ndli/orchestrator...', 'run', 'build'], { cwd: REPOSITORY, env: environment });
    for (const folder of PUBLISHABLE) await execa('pnpm', ['pack', '--pack-destination', tarballs], { cwd: join(REPOSITORY, folder), env: environment });
    writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'my-app', private: true, type: 'module' })}\n`);
    const files = readdirSync(tarballs).map((file) => join(tarballs, file));
    await execa('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files], { cwd: app, env: environment });
  }, 15 * MINUTES);

  it('packs one tarball per publishable package', () => {
    expect(readdirSync(join(app, 'node_modules', '@ndli')).sort()).toEqual(['latent-core', 'models', 'orchestrator', 'ralph', 'specs', 'viewer']);
  });

  it('runs `npx ndli run calculator --model replay/demo` to a green verdict', async () => {
    const result = await execa('npx', ['ndli', 'run', 'calculator', '--model', 'replay/demo'], { cwd: app, env: environment, reject: false });
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(readdirSync(join(app, 'output')).some((entry) => entry.startsWith('run_'))).toBe(true);
  }, 10 * MINUTES);

  it('judges a file with `npx ndli test calculator <file>`', async () => {
    const result = await execa('npx', ['ndli', 'test', 'calculator', CALCULATOR_REFERENCE, '--json'], { cwd: app, env: environment, reject: false });
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ spec: 'calculator', failed: 0 });
  }, 10 * MINUTES);
});
