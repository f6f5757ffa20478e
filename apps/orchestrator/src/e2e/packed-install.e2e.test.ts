import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeTranscript } from '@ndli/models';
import { passScenario } from '../transcripts/scenarios.js';

// Outside the repository, as a user installs it: every publishable package built and packed (`pnpm pack`), the
// tarballs installed with npm into an empty folder (dependencies come from the npm registry), then the installed
// `ndli` runs the bundled calculator spec with the SCRIPTED demo transcript; a user's own spec folder is scaffolded
// there (`ndli spec new`), filled in, checked (`ndli spec check`), judged against a file (`ndli test`) and run by its path.
const REPOSITORY = fileURLToPath(new URL('../../../../', import.meta.url));
const PUBLISHABLE = ['packages/models', 'packages/latent-core', 'packages/ralph', 'specs', 'apps/viewer', 'apps/orchestrator'];
const MINUTES = 60_000;

describe('the packed packages, installed outside the repository', () => {
  let root: string;
  let app: string;
  const environment = { ...process.env, CI: '1', NO_COLOR: '1', INIT_CWD: undefined, npm_lifecycle_event: undefined, NDLI_SPECS_DIR: undefined, NODE_OPTIONS: undefined };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ndli-packed-'));
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
    // Hints name the command as it is run here: the installed `ndli`, not the repository's `pnpm ndli`.
    expect(result.stdout).toMatch(/\(inspect: ndli inspect output\/run_/);
    expect(result.stdout).not.toContain('pnpm ndli');
  }, 10 * MINUTES);

  it('scaffolds, checks and runs a spec folder of the user\'s own (`ndli spec new`, `spec check`, `run <path>`)', async () => {
    const created = await execa('npx', ['ndli', 'spec', 'new', 'tally', '--dir', 'my-specs'], { cwd: app, env: environment, reject: false });
    expect(created.exitCode, `${created.stdout}\n${created.stderr}`).toBe(0);
    const folder = join(app, 'my-specs', 'tally');
    // Filled in as a user would: a second test, and a seeded bug it must catch.
    const testFile = join(folder, 'tests', 'tally.spec.ts');
    writeFileSync(
      testFile,
      `${readFileSync(testFile, 'utf8')}
test.describe('Rule 2: every click counts', () => {
  test('three clicks on #go show 3', async ({ app }) => {
    for (let index = 0; index < 3; index += 1) await app.page.locator('#go').click();
    await expect(app.page.locator('#output')).toHaveText('3');
  });
});
`,
    );
    const reference = readFileSync(join(folder, 'reference', 'tally.html'), 'utf8');
    writeFileSync(join(folder, 'bugs', 'counts-twice.html'), `<!-- bug: each click adds 2 -->\n${reference.replace('count += 1', 'count += 2')}`);

    const checked = await execa('npx', ['ndli', 'spec', 'check', './my-specs/tally', '--max-mutants', 'all', '--json'], { cwd: app, env: environment, reject: false });
    expect(checked.exitCode, `${checked.stdout}\n${checked.stderr}`).toBe(0);
    const report = JSON.parse(checked.stdout) as { ok: boolean; checks: { name: string; ok: boolean }[]; mutation?: { score: { score?: number; killed: number } } };
    expect(report.checks.map((check) => [check.name, check.ok])).toContainEqual(['every seeded bug is caught (1)', true]);
    expect(report.mutation?.score.killed).toBeGreaterThan(0);
    expect(report.mutation?.score.score).toBeDefined();

    // `ndli test` judges a file against it: the seeded bug is a red verdict (exit 1) naming both tests it fails.
    const judged = await execa('npx', ['ndli', 'test', './my-specs/tally', join(folder, 'bugs', 'counts-twice.html'), '--json'], { cwd: app, env: environment, reject: false });
    expect(judged.exitCode, `${judged.stdout}\n${judged.stderr}`).toBe(1);
    const verdict = JSON.parse(judged.stdout) as { spec: string; failed: number; failures: { title: string }[] };
    expect(verdict).toMatchObject({ spec: 'tally', failed: 2 });
    expect(verdict.failures.map((failure) => failure.title).sort()).toEqual(['clicking #go once shows 1', 'three clicks on #go show 3']);

    // A SCRIPTED transcript that writes the reference (as a recorded model run would be replayed).
    const transcript = join(root, 'tally.jsonl');
    writeTranscript(transcript, passScenario({ modelId: 'scripted-tally', reference }));
    const run = await execa('npx', ['ndli', 'run', './my-specs/tally', '--model', `replay/${transcript}`], { cwd: app, env: environment, reject: false });
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/PASSED/);
  }, 10 * MINUTES);
});
