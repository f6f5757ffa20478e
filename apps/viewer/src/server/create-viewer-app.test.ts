import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchView, RunView, ViewerIndex } from '../shared/view-model.js';
import { DEMO_RUN, makeFixtureRoots, SECRET, type FixtureRoots } from '../test-support/fixture-roots.js';
import { createViewerApp } from './create-viewer-app.js';
import { ViewerRoots } from './viewer-roots.js';

let fixture: FixtureRoots;
let app: ReturnType<typeof createViewerApp>;

const get = (path: string, host = '127.0.0.1:5177') => app.request(`http://${host}${path}`, { headers: { host } });

beforeAll(() => {
  fixture = makeFixtureRoots();
  app = createViewerApp({ roots: new ViewerRoots([fixture.output, fixture.bench]) });
});
afterAll(() => fixture.remove());

describe('only files under the roots are served', () => {
  const attempts = [
    ['a plain ..', `/files/0/${DEMO_RUN}/../../outside/secret.txt`],
    ['an encoded ..', `/files/0/%2e%2e/outside/secret.txt`],
    ['an encoded slash', `/files/0/..%2Foutside%2Fsecret.txt`],
    ['a double-encoded ..', `/files/0/%252e%252e/outside/secret.txt`],
    ['a backslash', `/files/0/..%5Coutside%5Csecret.txt`],
    ['a root that does not exist', `/files/7/secret.txt`],
    ['an absolute path', `/files//etc/passwd`],
    ['a symbolic link to a folder outside', `/files/0/link-out/secret.txt`],
    ['a symbolic link to a file outside', `/files/0/${DEMO_RUN}/secret.png`],
    ['a symbolic link as the artifact', `/artifact/0/${DEMO_RUN}/secret.html`],
    ['an API location with ..', `/api/run/0/${DEMO_RUN}/..%2F..%2Foutside`],
  ] as const;
  for (const [name, path] of attempts) {
    it(`refuses ${name}`, async () => {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain(SECRET);
    });
  }

  it('serves a screenshot under a root, as an image', async () => {
    const run = (await (await get(`/api/run/0/${DEMO_RUN}`)).json()) as RunView;
    const url = run.rounds[0]?.failureLinks[0]?.screenshotUrl;
    expect(url).toMatch(/\/files\/0\/run_20261201_200748\/round_1\/ralph\/results\/.+\/test-failed-1\.png$/);
    const response = await get(url ?? '');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
  });

  it('refuses a request whose Host is not loopback (DNS rebinding)', async () => {
    expect((await get('/api/index', 'evil.example:5177')).status).toBe(403);
  });
});

describe('the artifact', () => {
  it('is served with a policy that blocks every request and sandboxes it', async () => {
    const response = await get(`/artifact/0/${DEMO_RUN}/round_1/calculator.html`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; sandbox allow-scripts");
    expect(await response.text()).toContain('<html');
  });

  it('runs only through /artifact: /files sends HTML as plain text', async () => {
    const response = await get(`/files/0/${DEMO_RUN}/round_1/calculator.html`);
    expect(response.headers.get('content-type')).toContain('text/plain');
  });
});

describe('the JSON API', () => {
  it('lists the runs (a bench’s trial runs too) and the benches, scripted runs marked', async () => {
    const index = (await (await get('/api/index')).json()) as ViewerIndex;
    const demo = index.runs.find((run) => run.name === DEMO_RUN);
    expect(demo).toMatchObject({ status: 'passed', spec: 'calculator', model: 'replay/demo', scripted: true, mode: 'ndli', rounds: 2, passed: 127, total: 127 });
    expect(index.runs.find((run) => run.bench === 'bench_fixture')).toMatchObject({ mode: 'inner', status: 'failed', passed: 4, total: 5 });
    expect(index.benches.map((bench) => [bench.name, bench.finished, bench.scripted])).toEqual([['bench_fixture', 2, true]]);
  });

  it('reads a run with fields it does not know, a bad events line, judge errors, reasoning and server retries', async () => {
    const run = (await (await get('/api/run/1/bench_fixture/runs/replay_demo__calculator__inner__t1')).json()) as RunView;
    expect(run.metadata?.['futureField']).toBe('a field this viewer does not know');
    expect(run.events.map((event) => event.type)).toEqual(['run-start', 'round-start', 'round-start', 'a-future-event']);
    const [first, second] = run.rounds;
    expect(first?.verdict?.judgeErrors.map((error) => error.title)).toEqual(['C clears']);
    expect(first?.verdict?.flaky).toHaveLength(1);
    expect(first?.calls[1]?.record?.serverAttempts?.map((attempt) => attempt.code)).toEqual(['SERVER_UNREACHABLE', 'HTTP_ERROR']);
    expect(first?.calls[1]?.record?.reasoning).toContain('Left to right');
    expect(first?.freshStart).toBe(false);
    expect(second?.freshStart).toBe(true);
    expect(second?.calls[0]?.record?.['somethingNew']).toBe(42);
  });

  it('links each bench trial to its run, and says when a trial’s run is missing', async () => {
    const bench = (await (await get('/api/bench/1/bench_fixture')).json()) as BenchView;
    expect(bench.results.map((result) => result.runLocation)).toEqual(['1/bench_fixture/runs/replay_demo__calculator__inner__t1', undefined]);
    expect(bench.reportUrl).toBe('/artifact/1/bench_fixture/report.html');
    expect(bench.groups.map((group) => [group.mode, group.trials, group.passAtK[0]])).toEqual([
      ['inner', 1, 0],
      ['ndli', 1, 1],
    ]);
  });

  it('answers an unknown run with a 404 and a sentence, not a stack trace', async () => {
    const response = await get('/api/run/0/run_nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: "Run 0/run_nope is not a file or folder under the viewer's roots." } });
  });
});

describe('held-out tests', () => {
  const request = (path: string) => {
    const heldOut = createViewerApp({ roots: new ViewerRoots([fixture.heldOut]) });
    return heldOut.request(`http://127.0.0.1${path}`, { headers: { host: '127.0.0.1' } });
  };

  it('lists each run with its visible and held-out figures apart, overfit as its own status', async () => {
    const index = (await (await request('/api/index')).json()) as ViewerIndex;
    const byName = new Map(index.runs.map((run) => [run.name, run]));
    expect(byName.get('run_20261202_090000')).toMatchObject({ status: 'overfit', passed: 5, total: 5, heldOutPassed: 1, heldOutTotal: 3 });
    expect(byName.get('run_20261202_100000')).toMatchObject({ status: 'passed', passed: 5, total: 5, heldOutPassed: 3, heldOutTotal: 3 });
    const plain = byName.get('run_20261202_110000');
    expect(plain).toMatchObject({ passed: 4, total: 5 });
    expect(plain).not.toHaveProperty('heldOutTotal');
  });

  it('reads the run’s held-out mode, each round’s held-out figures and failing titles, each candidate’s figures', async () => {
    const overfit = (await (await request('/api/run/0/run_20261202_090000')).json()) as RunView;
    expect(overfit.metadata?.heldOut).toEqual({ mode: 'measure' });
    expect(overfit.metadata?.best).toMatchObject({ passed: 5, total: 5, heldOutPassed: 1, heldOutTotal: 3 });
    expect(overfit.rounds[1]?.summary).toMatchObject({ passed: 5, total: 5, heldOutPassed: 1, heldOutTotal: 3, heldOutFailingTitles: ['Edge cases › 1 / 0 = shows Error', 'Edge cases › sqrt of -4 shows Error'] });
    const reveal = (await (await request('/api/run/0/run_20261202_100000')).json()) as RunView;
    expect(reveal.metadata?.heldOut).toEqual({ mode: 'reveal', revealedFromRound: 3 });
    expect(reveal.rounds[0]?.candidates?.map((candidate) => [candidate.candidate, candidate.selected, candidate.summary?.heldOutPassed, candidate.summary?.heldOutTotal])).toEqual([
      [1, false, 1, 3],
      [2, true, 2, 3],
    ]);
  });

  it('keeps a bench summary’s held-out figures per group', async () => {
    const bench = (await (await request('/api/bench/0/bench_held_out')).json()) as BenchView;
    expect(bench.groups.map((group) => [group.spec, group.heldOut?.overfit, group.heldOut?.visibleMeanFractionPassed])).toEqual([
      ['calculator', 1, 1],
      ['todo', undefined, undefined],
    ]);
    expect(bench.results[0]?.best).toEqual({ passed: 5, total: 5, heldOutPassed: 1, heldOutTotal: 3 });
  });
});

describe('a root that is itself a run directory (`ndli view output/run_…`)', () => {
  it('lists that run and finds its evidence', async () => {
    const single = createViewerApp({ roots: new ViewerRoots([join(fixture.output, DEMO_RUN)]) });
    const request = (path: string) => single.request(`http://127.0.0.1${path}`, { headers: { host: '127.0.0.1' } });
    const index = (await (await request('/api/index')).json()) as ViewerIndex;
    expect(index.runs.map((run) => [run.location, run.name])).toEqual([['0', DEMO_RUN]]);
    const run = (await (await request('/api/run/0')).json()) as RunView;
    expect(run.rounds.map((round) => round.verdict?.passed)).toEqual([122, 127]);
    const screenshot = run.rounds[0]?.failureLinks[0]?.screenshotUrl ?? '';
    expect(screenshot).toMatch(/^\/files\/0\/round_1\/ralph\//);
    expect((await request(screenshot)).status).toBe(200);
  });
});
