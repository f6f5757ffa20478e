import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtifactInvalidError, RunAbortedError, SpecNotFoundError } from './errors.js';
import { toFixBlockers } from './fix-blockers.js';
import { createJudge, runSpecs } from './judge.js';
import type { Judge } from './judge-options.js';
import { VerdictSchema, type Verdict } from './verdict.js';

// Integration: real Playwright runs of the fixture spec `counter` against small apps, in a real Chromium.
const fixtures = fileURLToPath(new URL('./test-fixtures/', import.meta.url));
const spec = `${fixtures}specs/counter`;
// Generous per-test limits: this suite shares a 2-core machine with other work; the judged behaviour is the same.
const timeouts = { testTimeoutMs: 30_000, actionTimeoutMs: 10_000, navigationTimeoutMs: 8_000, expectTimeoutMs: 2_000 };
const RUN_TIMEOUT = 240_000;

interface ReportSuite {
  suites?: ReportSuite[];
  specs: { title: string; tests: { results: { errors: { location?: { file: string; line: number; column: number } }[] }[] }[] }[];
}

function findTest(suites: ReportSuite[], title: string): ReportSuite['specs'][number]['tests'][number] | undefined {
  for (const suite of suites) {
    const found = suite.specs.find((spec) => spec.title === title)?.tests[0] ?? findTest(suite.suites ?? [], title);
    if (found) return found;
  }
  return undefined;
}

function failure(verdict: Verdict, title: string) {
  const found = verdict.failures.find((entry) => entry.title === title);
  if (!found) throw new Error(`no failure "${title}" in ${JSON.stringify(verdict.failures.map((entry) => entry.title))}`);
  return found;
}

describe('judge (real Playwright runs)', () => {
  let judge: Judge;
  beforeAll(() => {
    judge = createJudge({ timeouts, timeoutMs: 180_000 });
  });
  afterAll(async () => {
    await judge.close();
  });

  it('passes the reference, writing verdict.json beside the evidence', { timeout: RUN_TIMEOUT }, async () => {
    const verdict = await judge.run({ spec, artifact: `${spec}/reference/counter.html` });
    expect(VerdictSchema.safeParse(verdict).success).toBe(true);
    expect(verdict.failures).toEqual([]);
    expect([verdict.total, verdict.passed, verdict.failed]).toEqual([5, 5, 0]);
    expect(verdict.tests.map((test) => test.describePath[0]).sort()).toEqual(['display', 'increment', 'increment', 'persistence', 'reset']);
    expect(JSON.parse(readFileSync(`${verdict.outputDirectory}/verdict.json`, 'utf8'))).toEqual(verdict);
    expect(['playwright', 'system', 'config']).toContain(verdict.browser.source);
  });

  it('reports a seeded bug with actions, expected and actual, a screenshot and a trace', { timeout: RUN_TIMEOUT }, async () => {
    const verdict = await judge.run({ spec, artifact: `${spec}/bugs/adds-two.html` });
    expect(verdict.passed).toBe(2);
    const one = failure(verdict, 'one click on #increment shows 1');
    expect(one).toMatchObject({ group: 'increment', actions: ['click #increment'], expected: '"1"', actual: '"2"', file: 'counter.spec.ts', line: 11 });
    expect(one.message).not.toContain('\u001b');
    expect(one.screenshot && existsSync(one.screenshot)).toBe(true);
    expect(one.trace && existsSync(one.trace)).toBe(true);
    expect(one.errorContext).toContain('count');
    // The failing expect is located in the TypeScript spec, through its source map (only the spec's own frames are
    // mapped: spec/own-frames-mapping.ts).
    const report = JSON.parse(readFileSync(`${verdict.outputDirectory}/report.json`, 'utf8')) as { suites: ReportSuite[] };
    const location = findTest(report.suites, 'one click on #increment shows 1')?.results[0]?.errors[0]?.location;
    expect(location).toMatchObject({ line: 13, column: 46 });
    expect(location?.file.endsWith('counter.spec.ts')).toBe(true);
    expect(toFixBlockers(verdict).map((task) => task.name)).toEqual(['fix_increment', 'fix_persistence']);
  });

  // The evidence of the first pass itself (the re-run of failures, with its traces, is under test above): without it a
  // failing verdict here costs one Playwright process, not two.
  it('collects wrong text, console errors and uncaught page errors', { timeout: RUN_TIMEOUT }, async () => {
    const verdict = await judge.run({ spec, artifact: `${fixtures}artifacts/broken.html`, rerunFailures: false });
    expect(failure(verdict, 'the count starts at 0')).toMatchObject({ expected: '"0"', actual: '"zero"', consoleErrors: ['counter: could not restore state'] });
    expect(failure(verdict, 'one click on #increment shows 1').pageErrors).toEqual(['ReferenceError: undefinedCounter is not defined']);
  });

  it('dismisses dialogs and records them', { timeout: RUN_TIMEOUT }, async () => {
    const verdict = await judge.run({ spec, artifact: `${fixtures}artifacts/alerts.html`, rerunFailures: false });
    expect(failure(verdict, 'one click on #increment shows 1')).toMatchObject({ dialogs: ['alert: Not implemented yet'], actual: '"0"' });
  });

  it('blocks every request but the artifact and says which', { timeout: RUN_TIMEOUT }, async () => {
    const verdict = await judge.run({ spec, artifact: `${fixtures}artifacts/external.html`, rerunFailures: false });
    expect(verdict.passed).toBe(0);
    expect(failure(verdict, 'the count starts at 0').blockedRequests).toEqual(['https://cdn.example.com/counter.js']);
    expect(toFixBlockers(verdict)[0]?.blockers[0]).toContain('must be self-contained');
  });

  it('fails an app that hangs at load on every test without paying the timeout for each', { timeout: RUN_TIMEOUT }, async () => {
    const verdict = await judge.run({ spec, artifact: `${fixtures}artifacts/hangs-at-load.html` });
    expect([verdict.total, verdict.failed]).toEqual([5, 5]);
    for (const entry of verdict.failures) expect(entry.message).toContain('The app never finished loading');
    // 5 tests × the 8 s navigation limit would be 20 s on 2 workers; the marker makes later tests fail at once.
    expect(verdict.durationMs).toBeLessThan(5 * timeouts.navigationTimeoutMs);
    expect(toFixBlockers(verdict).map((task) => task.name)).toEqual(['fix_app_load']);
  });

  it('fails the tests of an app that freezes on a click, with the action that froze it, and ends the run', { timeout: RUN_TIMEOUT }, async () => {
    const verdict = await judge.run({ spec, artifact: `${fixtures}artifacts/hangs-on-click.html` });
    expect(verdict.tests.find((test) => test.title === 'the count starts at 0')?.status).toBe('passed');
    const frozen = failure(verdict, 'one click on #increment shows 1');
    expect(frozen.actions).toEqual(['click #increment']);
    expect(frozen.pageErrors.join(' ')).toContain('The page stopped responding');
    expect(toFixBlockers(verdict)[0]?.blockers[0]).toContain('after click #increment');
  });

  it('passes a correct app that renders in an animation frame and uses other markup (a variant)', { timeout: RUN_TIMEOUT }, async () => {
    const verdict = await judge.run({ spec, artifact: `${spec}/variants/frame-render.html` });
    expect([verdict.passed, verdict.total]).toEqual([5, 5]);
  });

  it('runs only the tests it is given, by full title', { timeout: RUN_TIMEOUT }, async () => {
    const verdict = await judge.run({ spec, artifact: `${spec}/bugs/adds-two.html`, tests: ['increment › one click on #increment shows 1'] });
    expect([verdict.total, verdict.failed]).toEqual([1, 1]);
    expect(verdict.failures[0]).toMatchObject({ title: 'one click on #increment shows 1', status: 'failed' });
    await expect(judge.run({ spec, artifact: `${spec}/reference/counter.html`, tests: ['increment › no such test'] })).rejects.toThrow(/ran no tests/);
  });

  it('stops when aborted', { timeout: RUN_TIMEOUT }, async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('caller gave up')), 300);
    await expect(judge.run({ spec, artifact: `${spec}/reference/counter.html`, signal: controller.signal })).rejects.toBeInstanceOf(RunAbortedError);
  });
});

describe('runSpecs input errors (no browser started)', () => {
  // A browser path that does not exist: reaching browser resolution would throw BrowserNotFoundError instead.
  const browser = { executablePath: '/nowhere/chromium' };

  it('names an unknown spec', async () => {
    await expect(runSpecs({ spec: 'nope', specsDirectory: `${fixtures}specs`, artifact: `${spec}/reference/counter.html`, browser })).rejects.toBeInstanceOf(SpecNotFoundError);
  });

  it.each([
    ['artifacts/missing.html', 'ARTIFACT_MISSING'],
    ['artifacts/empty.html', 'ARTIFACT_EMPTY'],
    ['artifacts/not-html.html', 'ARTIFACT_NOT_HTML'],
  ])('names a bad artifact (%s → %s)', async (artifact, code) => {
    const run = runSpecs({ spec, artifact: `${fixtures}${artifact}`, browser });
    await expect(run).rejects.toBeInstanceOf(ArtifactInvalidError);
    await expect(run).rejects.toMatchObject({ code });
  });
});
