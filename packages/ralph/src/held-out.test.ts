import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { heldOutProblems, isHeldOut, partitionVerdict } from './held-out.js';
import { verdictOutcome, type Verdict } from './verdict.js';

const test = (title: string, file: string, status: 'passed' | 'failed' | 'skipped', tags?: string[]) => ({ title, describePath: ['g'], file, line: 1, status, durationMs: 1, ...(tags ? { tags } : {}) });
const failure = (title: string, file: string) => ({ title, group: 'g', describePath: ['g'], file, line: 1, status: 'failed' as const, actions: [], message: 'm', consoleErrors: [], pageErrors: [], dialogs: [], blockedRequests: [] });

const verdict: Verdict = {
  spec: 's',
  artifact: 'a.html',
  total: 4,
  passed: 2,
  failed: 2,
  skipped: 1,
  durationMs: 1,
  tests: [test('a', 'main.spec.ts', 'passed'), test('b', 'main.spec.ts', 'failed'), test('c', 'main.spec.ts', 'failed', ['@held-out']), test('d', 'edge.spec.ts', 'passed'), test('e', 'main.spec.ts', 'skipped', ['@held-out'])],
  failures: [failure('b', 'main.spec.ts'), failure('c', 'main.spec.ts')],
  runErrors: [],
  judgeErrors: [],
  flaky: [],
  browser: { executablePath: '/x', source: 'config' },
  outputDirectory: '/o',
};

describe('held-out tests', () => {
  it('a test is held out by its tag or its file', () => {
    const heldOut = { tag: '@held-out', files: ['tests/edge.spec.ts'] };
    expect(verdict.tests.map((outcome) => isHeldOut(outcome, heldOut))).toEqual([false, false, true, true, true]);
    expect(isHeldOut(verdict.tests[2]!, undefined)).toBe(false);
  });

  it('splits a verdict into visible and held-out parts with their own figures', () => {
    const { visible, heldOut } = partitionVerdict(verdict, { tag: '@held-out', files: ['tests/edge.spec.ts'] });
    expect([visible.passed, visible.total, visible.failures.map((item) => item.title)]).toEqual([1, 2, ['b']]);
    expect([heldOut?.passed, heldOut?.total, heldOut?.failures.map((item) => item.title)]).toEqual([1, 2, ['c']]);
    expect(verdictOutcome(visible)).toBe('red');
    expect(partitionVerdict(verdict, undefined)).toEqual({ visible: verdict, heldOut: undefined });
  });

  it('names a listed file that does not exist and a tag no test uses', () => {
    const directory = mkdtempSync(join(tmpdir(), 'ralph-held-out-'));
    mkdirSync(join(directory, 'tests'));
    writeFileSync(join(directory, 'tests', 'main.spec.ts'), "test('x', async () => {});\n");
    expect(heldOutProblems(directory, { tag: '@held-out', files: ['tests/missing.spec.ts'] })).toEqual([
      'spec.json heldOut.files: tests/missing.spec.ts does not exist',
      "spec.json heldOut.tag: no test in tests/ is tagged @held-out (declare one as test('title', { tag: '@held-out' }, async …))",
    ]);
    writeFileSync(join(directory, 'tests', 'main.spec.ts'), "test('x', { tag: '@held-out' }, async () => {});\n");
    expect(heldOutProblems(directory, { tag: '@held-out', files: ['tests/main.spec.ts'] })).toEqual([]);
  });
});
