import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { PlaywrightRunError } from '../errors.js';
import { runSpecs } from '../judge.js';
import type { Verdict } from '../verdict.js';

// One judge run of a plain @playwright/test suite that does what suites do (storage, reload, history, popups,
// uploads, downloads, its own context), fails once on the app's account, and three times on its own.
const FOLDER = fileURLToPath(new URL('../test-fixtures/plain-suite/capabilities', import.meta.url));
const TIMEOUTS = { testTimeoutMs: 15_000, expectTimeoutMs: 4_000, actionTimeoutMs: 6_000, navigationTimeoutMs: 8_000 };

describe('a plain suite under the judge', () => {
  let verdict: Verdict;

  beforeAll(async () => {
    verdict = await runSpecs({ spec: FOLDER, artifact: `${FOLDER}/reference/page.html`, timeouts: TIMEOUTS, rerunFailures: false });
  }, 180_000);

  it('runs what suites do: storage empty per test, reload, history, popups, uploads, downloads, its own context', () => {
    const works = verdict.tests.filter((test) => test.describePath[0] === 'works');
    expect(works).toHaveLength(7);
    expect(works.filter((test) => test.status !== 'passed')).toEqual([]);
  });

  it('blames the app only for the app’s failure, with the actions from Playwright’s own steps', () => {
    expect(verdict.failures.map((failure) => failure.title)).toEqual(['the counter shows 2 after one click']);
    const [failure] = verdict.failures;
    expect(failure).toMatchObject({ expected: '"2"', actual: '"1"' });
    expect(failure?.actions.some((action) => /Navigate/.test(action))).toBe(true);
    expect(failure?.actions.some((action) => /Click/.test(action))).toBe(true);
  });

  it('counts the spec’s own faults as judge errors, each with its reason', () => {
    const reasons = Object.fromEntries(verdict.judgeErrors.map((error) => [error.title, error.message]));
    expect(Object.keys(reasons).sort()).toEqual(['a fixture fails before the app is reached', 'asks for the request fixture', 'navigates to another site']);
    expect(reasons['navigates to another site']).toContain('navigates outside the app, to https://demo.playwright.dev/todomvc');
    expect(reasons['asks for the request fixture']).toContain('`request` fixture');
    expect(reasons['a fixture fails before the app is reached']).toContain('before it reached the app');
  });
});

describe('a plain suite that cannot load', () => {
  it('stops the run with a named error carrying Playwright\'s message, never a verdict blaming the app', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'ralph-plain-broken-')), 'broken');
    cpSync(FOLDER, folder, { recursive: true });
    writeFileSync(join(folder, 'tests', 'capabilities.spec.ts'), "import { test } from '@playwright/test';\nimport pad from 'left-pad';\ntest('pads', async () => {\n  pad('x', 2);\n});\n");
    const run = runSpecs({ spec: folder, artifact: join(folder, 'reference', 'page.html'), timeouts: TIMEOUTS });
    await expect(run).rejects.toThrow(PlaywrightRunError);
    await expect(run).rejects.toThrow(/left-pad/);
  }, 120_000);
});
