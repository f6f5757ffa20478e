import { describe, expect, it } from 'vitest';
import { renderPlaywrightConfig, titleGrep } from './playwright-config.js';

describe('titleGrep', () => {
  // What Playwright matches a grep against: the title path joined by spaces.
  const path = (...titles: string[]): string => [' errors.spec.ts', ...titles].join(' ');

  it('selects a test by its full title, punctuation and all, and nothing that only shares a prefix or suffix', () => {
    const grep = new RegExp(titleGrep(['Rule 8: while Error is shown › * does nothing (1 / 0 = * still shows Error)']));
    expect(grep.test(path('Rule 8: while Error is shown', '* does nothing (1 / 0 = * still shows Error)'))).toBe(true);
    expect(grep.test(path('Rule 8: while Error is shown', '/ does nothing (1 / 0 = / still shows Error)'))).toBe(false);
    expect(grep.test(path('Other rule', '* does nothing (1 / 0 = * still shows Error)'))).toBe(false);
    expect(grep.test(path('Rule 8: while Error is shown', '* does nothing (1 / 0 = * still shows Error) again'))).toBe(false);
  });

  it('selects several tests, top-level ones included', () => {
    const grep = new RegExp(titleGrep(['display › the count starts at 0', 'loads']));
    expect(grep.test(path('display', 'the count starts at 0'))).toBe(true);
    expect(grep.test(path('loads'))).toBe(true);
    expect(grep.test(path('reloads'))).toBe(false);
    expect(grep.test(path('loads @smoke'))).toBe(true);
  });
});

describe('renderPlaywrightConfig', () => {
  const options = {
    tsconfigFile: '/out/tsconfig.json',
    testsDirectory: '/specs/x/tests',
    reportFile: '/out/report.json',
    resultsDirectory: '/out/results',
    workers: 2,
    executablePath: '/usr/bin/chromium-headless-shell',
    globalTimeoutMs: 300_000,
    testTimeoutMs: 5_000,
    expectTimeoutMs: 1_000,
    actionTimeoutMs: 2_000,
    navigationTimeoutMs: 3_000,
    trace: 'retain-on-failure' as const,
    isolation: 'reopen' as const,
    keepWorkerOnFailure: true,
    chromiumArgs: ['--disable-gpu', '--disable-features=A,B'],
    mapOnlyOwnStackFrames: true,
    chromiumSandbox: false,
    maxFailures: 0,
  };

  it('records light traces, every test or kept for failures, snapshots only when asked', () => {
    expect(renderPlaywrightConfig(options)).toContain(`trace: { mode: 'retain-on-failure', snapshots: false, screenshots: false, sources: false }`);
    expect(renderPlaywrightConfig({ ...options, trace: 'on' })).toContain(`trace: { mode: 'on', snapshots: false`);
    expect(renderPlaywrightConfig({ ...options, trace: 'on-with-snapshots' })).toContain(`trace: { mode: 'on', snapshots: true`);
    expect(renderPlaywrightConfig({ ...options, trace: 'retain-on-failure-with-snapshots' })).toContain('snapshots: true');
    expect(renderPlaywrightConfig({ ...options, trace: 'off' })).toContain(`trace: 'off'`);
  });

  it("passes the app fixture's isolation and the sandbox decision, and adds the progress reporter when asked", () => {
    const text = renderPlaywrightConfig({ ...options, progressFile: '/out/progress.jsonl' });
    expect(text).toContain(`isolation: 'reopen'`);
    expect(text).toContain('keepWorkerOnFailure: true');
    expect(text).toContain('chromiumSandbox: false');
    expect(text).toMatch(/progress-reporter\.ts", \{ outputFile: "\/out\/progress\.jsonl" \}/);
    expect(renderPlaywrightConfig({ ...options, chromiumSandbox: true, isolation: 'new-context' })).toContain(`chromiumSandbox: true`);
    expect(renderPlaywrightConfig(options)).not.toContain('progress-reporter');
  });

  it("launches Chromium with the flags it is given and passes the fixture's stack-frame option", () => {
    const text = renderPlaywrightConfig(options);
    expect(text).toContain('args: ["--disable-gpu","--disable-features=A,B"]');
    expect(text).toContain('mapOnlyOwnStackFrames: true');
    expect(renderPlaywrightConfig({ ...options, chromiumArgs: [], mapOnlyOwnStackFrames: false })).toContain('mapOnlyOwnStackFrames: false');
  });

  it('never reuses a browser context and selects tests only when asked', () => {
    expect(renderPlaywrightConfig(options)).not.toContain('reuseContext');
    expect(renderPlaywrightConfig(options)).not.toContain('grep');
    expect(renderPlaywrightConfig({ ...options, onlyTests: ['a › b'] })).toContain('grep: new RegExp(');
  });
});
