import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';
import { commandPrefix, findCheckoutRoot } from './ndli-command.js';

const REPOSITORY = fileURLToPath(new URL('../../../../', import.meta.url));
const HERE = fileURLToPath(new URL('.', import.meta.url));

/** A folder laid out as a user's project with the CLI installed in node_modules (no checkout above it). */
function installedProject(): { project: string; moduleDirectory: string } {
  const project = mkdtempSync(join(tmpdir(), 'ndli-installed-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-app', scripts: { test: 'vitest' } }));
  const moduleDirectory = join(project, 'node_modules', '@ndli', 'orchestrator', 'dist', 'hints');
  mkdirSync(moduleDirectory, { recursive: true });
  return { project, moduleDirectory };
}

describe('the command a hint names', () => {
  it('finds this checkout above the CLI\'s own code, and none above an installed copy', () => {
    expect(findCheckoutRoot(HERE)).toBe(REPOSITORY.replace(/\/$/, ''));
    expect(findCheckoutRoot(installedProject().moduleDirectory)).toBeUndefined();
  });

  it('is `pnpm ndli` inside the checkout whose CLI runs (root or any folder below it)', () => {
    expect(commandPrefix({ moduleDirectory: HERE, workingDirectory: REPOSITORY })).toBe('pnpm ndli');
    expect(commandPrefix({ moduleDirectory: HERE, workingDirectory: join(REPOSITORY, 'specs', 'calculator') })).toBe('pnpm ndli');
  });

  it('is `ndli` for an installed CLI, even when the user stands in a checkout', () => {
    const { project, moduleDirectory } = installedProject();
    expect(commandPrefix({ moduleDirectory, workingDirectory: project })).toBe('ndli');
    expect(commandPrefix({ moduleDirectory, workingDirectory: REPOSITORY })).toBe('ndli');
  });

  it('is `ndli` outside the checkout, and `pnpm ndli` whenever the `ndli` script started the CLI', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'ndli-elsewhere-'));
    expect(commandPrefix({ moduleDirectory: HERE, workingDirectory: elsewhere })).toBe('ndli');
    expect(commandPrefix({ moduleDirectory: HERE, workingDirectory: elsewhere, lifecycleEvent: 'ndli' })).toBe('pnpm ndli');
    expect(commandPrefix({ moduleDirectory: installedProject().moduleDirectory, workingDirectory: elsewhere, lifecycleEvent: 'test' })).toBe('ndli');
  });

  it('needs the `ndli` script: another pnpm workspace is not a checkout', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'ndli-workspace-'));
    writeFileSync(join(workspace, 'pnpm-workspace.yaml'), 'packages:\n  - apps/*\n');
    writeFileSync(join(workspace, 'package.json'), JSON.stringify({ name: 'other', scripts: { build: 'tsc' } }));
    const moduleDirectory = join(workspace, 'apps', 'cli', 'src');
    mkdirSync(moduleDirectory, { recursive: true });
    expect(commandPrefix({ moduleDirectory, workingDirectory: workspace })).toBe('ndli');
    writeFileSync(join(workspace, 'package.json'), JSON.stringify({ name: 'fork', scripts: { ndli: 'tsx apps/cli/src/bin.ts' } }));
    expect(commandPrefix({ moduleDirectory, workingDirectory: workspace })).toBe('pnpm ndli');
  });

  it('reaches the CLI\'s messages: the same hint reads `pnpm ndli view …` in the checkout and `ndli view …` outside it', async () => {
    const inside = await runCli(['view', 'no-such-folder'], REPOSITORY);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain('`pnpm ndli view output bench`');
    const outside = await runCli(['view', 'no-such-folder'], mkdtempSync(join(tmpdir(), 'ndli-outside-')));
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('e.g. `ndli view output bench`');
    expect(outside.stderr).not.toContain('pnpm ndli');
  });
});
