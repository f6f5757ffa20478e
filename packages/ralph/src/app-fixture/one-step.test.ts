import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, resolveBrowser } from '../browser.js';
import { PLAYWRIGHT_CLI } from '../playwright-cli.js';
import { ARTIFACT_ENV, RUN_DIRECTORY_ENV } from './judge-environment.js';

// Integration: real Playwright runs, in a real Chromium, of a spec whose actions go through `app.perform`, with a
// reporter that lists every API-call step. Catches a Playwright upgrade that drops the private wrapper (one-step.ts).

const fixtures = fileURLToPath(new URL('../test-fixtures/', import.meta.url));

interface TestSteps {
  apiSteps: string[];
  status: string;
  error?: string;
}

async function runTraced(trace: 'off' | 'on'): Promise<Record<string, TestSteps>> {
  const directory = mkdtempSync(join(tmpdir(), 'ndli-one-step-'));
  const stepsFile = join(directory, 'steps.json');
  const configFile = join(directory, 'playwright.config.mjs');
  const config = {
    testDir: join(fixtures, 'one-step'),
    outputDir: join(directory, 'results'),
    workers: 1,
    reporter: [[join(fixtures, 'step-reporter.mjs'), { outputFile: stepsFile }]],
    use: { trace, launchOptions: { executablePath: resolveBrowser().executablePath, args: [...CHROMIUM_ARGS] } },
  };
  writeFileSync(configFile, `export default ${JSON.stringify(config)};\n`);
  await execa(process.execPath, [PLAYWRIGHT_CLI, 'test', '--config', configFile], {
    env: {
      [ARTIFACT_ENV]: join(fixtures, 'specs', 'counter', 'reference', 'counter.html'),
      [RUN_DIRECTORY_ENV]: directory,
      NODE_OPTIONS: '--conditions=@ndli/source',
    },
    reject: false,
  });
  return JSON.parse(readFileSync(stepsFile, 'utf8')) as Record<string, TestSteps>;
}

function count(steps: readonly string[], title: string): number {
  return steps.filter((step) => step === title).length;
}

describe('app.perform (real Playwright runs)', () => {
  it('reports an untraced action as one step, and a traced one call by call, and names a failure inside after the action', async () => {
    const untraced = await runTraced('off');
    const traced = await runTraced('on');

    const clicks = 'three clicks performed as one action';
    expect(untraced[clicks]).toMatchObject({ status: 'passed' });
    expect(count(untraced[clicks]?.apiSteps ?? [], 'click #increment three times')).toBe(1);
    expect(count(untraced[clicks]?.apiSteps ?? [], 'Click')).toBe(0);

    expect(traced[clicks]).toMatchObject({ status: 'passed' });
    expect(count(traced[clicks]?.apiSteps ?? [], 'Click')).toBe(3);
    expect(count(traced[clicks]?.apiSteps ?? [], 'click #increment three times')).toBe(0);

    // A failing call fails the action, named after it untraced (Playwright names a lone call after itself).
    const failing = 'a call failing inside an action';
    expect(untraced[failing]?.status).toBe('failed');
    expect(untraced[failing]?.error).toMatch(/^Error: run a script that throws: Error: the app broke/);
    expect(traced[failing]?.status).toBe('failed');
    expect(traced[failing]?.error).toMatch(/^Error: page\.evaluate: Error: the app broke/);
  });
});
