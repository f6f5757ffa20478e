import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutputDirectoryInUseError } from './errors.js';
import { MAX_ENTRIES_PER_LIST } from './app-fixture/diagnostics-recorder.js';
import { toFixBlockers } from './fix-blockers.js';
import { createJudge } from './judge.js';
import type { Judge } from './judge-options.js';
import type { JudgeProgress } from './judge-progress.js';
import { verdictOutcome } from './verdict.js';

// Integration: real Playwright runs of ralph's fixture specs in a real Chromium (issue 15: judge errors, skips,
// sandbox, one judge per directory; issue 16: isolation by re-opening the app).
const fixtures = fileURLToPath(new URL('./test-fixtures/', import.meta.url));
const counter = `${fixtures}specs/counter`;
const timeouts = { testTimeoutMs: 30_000, actionTimeoutMs: 10_000, navigationTimeoutMs: 8_000, expectTimeoutMs: 2_000 };
const RUN_TIMEOUT = 240_000;

describe('judge integrity (real Playwright runs)', () => {
  let judge: Judge;
  beforeAll(() => {
    // One worker: the isolation spec's tests then run in order, each after one that left state behind.
    judge = createJudge({ timeouts, timeoutMs: 180_000, workers: 1 });
  });
  afterAll(async () => {
    await judge.close();
  });

  it('gives every test an app with nothing a buggy earlier test left (storage, cookie, IndexedDB, timers, clock), and leaves skips out of the total', { timeout: RUN_TIMEOUT }, async () => {
    const progress: JudgeProgress[] = [];
    const verdict = await judge.run({ spec: `${fixtures}specs/isolation`, artifact: `${fixtures}specs/isolation/reference/leaky.html`, onProgress: (event) => progress.push(event) });
    expect(verdict.failures.map((failure) => `${failure.title}: ${failure.actual ?? failure.message}`)).toEqual([]);
    expect(verdict.flaky).toEqual([]);
    expect([verdict.total, verdict.passed, verdict.failed, verdict.skipped]).toEqual([6, 6, 0, 1]);
    expect(verdictOutcome(verdict)).toBe('green');
    expect(progress.at(-1)).toMatchObject({ done: 6, total: 6, failed: 0, pass: 'run' });
  });

  // Chromium runs an old page's timers and pagehide handler after the next document has started (fresh-load.ts).
  it('clears what an old page writes in its last moments (a 1 ms timer, a pagehide handler: storage, cookies, window name)', { timeout: RUN_TIMEOUT }, async () => {
    const verdict = await judge.run({ spec: `${fixtures}specs/isolation`, artifact: `${fixtures}artifacts/leaky-at-unload.html` });
    expect(verdict.failures.map((failure) => `${failure.title}: ${failure.actual ?? failure.message}`)).toEqual([]);
    // A leak would fail a visit in the first pass and pass on its re-run (a new worker): flaky, not clean.
    expect(verdict.flaky).toEqual([]);
    expect([verdict.total, verdict.passed]).toEqual([6, 6]);
  });

  it('classifies a harness error injected in a fixture hook as a judge error, re-run once, never a failure or a FIX blocker', { timeout: RUN_TIMEOUT }, async () => {
    const verdict = await judge.run({ spec: `${fixtures}specs/harness-fault`, artifact: `${fixtures}specs/harness-fault/reference/page.html` });
    expect(verdict.failures).toEqual([]);
    expect(verdict.judgeErrors.map((error) => error.title)).toEqual(['a harness fault in a fixture hook']);
    expect(verdict.judgeErrors[0]?.message).toContain('.playwright-artifacts-1/traces/');
    expect(verdict.tests.find((test) => test.title === 'a harness fault in a fixture hook')?.status).toBe('judge-error');
    expect([verdict.total, verdict.passed, verdict.failed]).toEqual([2, 1, 0]);
    expect(verdictOutcome(verdict)).toBe('judge-error');
    expect(toFixBlockers(verdict)).toEqual([]);
    // The re-run happened and saw the same harness error.
    expect(readFileSync(join(verdict.outputDirectory, 'rerun', 'report.json'), 'utf8')).toContain('recording116.trace');
  });

  it('never lets two judges share an output directory: the second stops at once, the first gives a clean verdict', { timeout: RUN_TIMEOUT }, async () => {
    const outputDirectory = mkdtempSync(join(tmpdir(), 'ndli-shared-'));
    const other = createJudge({ timeouts, timeoutMs: 180_000, workers: 1 });
    const runs = await Promise.allSettled([
      judge.run({ spec: counter, artifact: `${counter}/reference/counter.html`, outputDirectory }),
      other.run({ spec: counter, artifact: `${counter}/reference/counter.html`, outputDirectory }),
    ]);
    const refused = runs.filter((run) => run.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect(refused[0]?.status === 'rejected' ? refused[0].reason : undefined).toBeInstanceOf(OutputDirectoryInUseError);
    const verdict = runs.find((run) => run.status === 'fulfilled')?.value;
    expect(verdict && verdictOutcome(verdict)).toBe('green');
    expect(verdict?.judgeErrors).toEqual([]);
    await other.close();
  });

  it('ends a flood of console and page errors in a clear verdict: correct behaviour passes, evidence capped with a count', { timeout: RUN_TIMEOUT }, async () => {
    const verdict = await judge.run({ spec: counter, artifact: `${fixtures}artifacts/flood.html`, tests: ['display › the count starts at 0', 'increment › one click on #increment shows 1'] });
    expect(verdict.tests.find((test) => test.title === 'the count starts at 0')?.status).toBe('passed');
    const flooded = verdict.failures.find((failure) => failure.title === 'one click on #increment shows 1');
    expect(flooded).toMatchObject({ expected: '"1"', actual: '"2"' });
    expect(flooded?.consoleErrors.length).toBeLessThanOrEqual(MAX_ENTRIES_PER_LIST + 1);
    expect(flooded?.consoleErrors[0]).toMatch(/^render failed at tick \d+$/);
    expect(flooded?.consoleErrors.at(-1)).toMatch(/^… and \d+ more console messages \(not recorded\)$/);
    expect(flooded?.message).not.toContain('render failed');
  });

  describe('an app that opens a WebSocket to a real local server', () => {
    let server: Server;
    let connections = 0;
    let port = 0;
    beforeAll(async () => {
      server = createServer();
      server.on('connection', () => {
        connections += 1;
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('blocks it (the server sees no connection) and lists it with the blocked requests', { timeout: RUN_TIMEOUT }, async () => {
      const artifact = join(mkdtempSync(join(tmpdir(), 'ndli-ws-')), 'counter.html');
      // A broken counter that reports each click to a WebSocket server instead of counting.
      writeFileSync(
        artifact,
        `<!doctype html><html><head><meta charset="utf-8"><title>Counter</title></head><body><output id="count">0</output><button id="increment">+</button><button id="reset">Reset</button>
<script>const socket = new WebSocket('ws://127.0.0.1:${port}/lm-studio'); document.getElementById('increment').addEventListener('click', () => { try { socket.send('click'); } catch {} });</script></body></html>`,
      );
      const verdict = await judge.run({ spec: counter, artifact, tests: ['increment › one click on #increment shows 1'] });
      expect(verdict.failures[0]?.blockedRequests).toEqual([`ws://127.0.0.1:${port}/lm-studio`]);
      expect(connections).toBe(0);
      expect(verdict.sandbox?.reason).toBeTruthy();
      expect(existsSync(join(verdict.outputDirectory, 'verdict.json'))).toBe(true);
    });
  });
});
