import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS, resolveBrowser } from '@ndli/ralph';
import { chromium, expect as expectPage, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportViewer } from '../server/export-viewer.js';
import { startViewer, type RunningViewer } from '../server/start-viewer.js';
import { DEMO_RUN, makeFixtureRoots, type FixtureRoots } from '../test-support/fixture-roots.js';
import { GrowingRun } from '../test-support/grow-run.js';

/** The viewer in a real (headless) Chromium, found the way Ralph finds it, over the recorded demo run and a bench. */
let fixture: FixtureRoots;
let viewer: RunningViewer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  fixture = makeFixtureRoots();
  viewer = await startViewer({ roots: [fixture.output, fixture.bench], port: 0, pollMs: 150 });
  browser = await chromium.launch({ executablePath: resolveBrowser().executablePath, args: [...CHROMIUM_ARGS] });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(5_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await viewer?.close();
  fixture?.remove();
});

beforeEach(() => {
  pageErrors.length = 0;
});

const openRun = async (location: string) => {
  await page.goto(`${viewer.url}#/run/${location}`);
  await page.getByTestId('timeline').waitFor();
};

describe('ndli view in a browser', () => {
  it('lists the runs, sorts and filters them, and marks scripted runs', async () => {
    await page.goto(viewer.url);
    const rows = page.locator('[data-testid=runs-table] tbody tr');
    await expectPage(rows).toHaveCount(2);
    await expectPage(page.locator(`tr[data-run=${DEMO_RUN}] .badge.scripted`)).toHaveText('SCRIPTED');
    await page.getByRole('button', { name: /tests passed/ }).click();
    await expectPage(rows.first()).toHaveAttribute('data-run', 'replay_demo__calculator__inner__t1');
    await page.getByRole('button', { name: /tests passed/ }).click();
    await expectPage(rows.first()).toHaveAttribute('data-run', DEMO_RUN);
    await page.getByLabel('filter runs').fill('inner failed');
    await expectPage(rows).toHaveCount(1);
    await expectPage(rows.first()).toHaveAttribute('data-run', 'replay_demo__calculator__inner__t1');
  });

  it('shows a state beside the previous one: tasks resolved, dropped, and the code diff of each rewritten task', async () => {
    await openRun(`0/${DEMO_RUN}`);
    await page.locator('[data-step="2:state refine_1"]').click();
    const detail = page.getByTestId('state-detail');
    await expectPage(detail.locator('h3')).toContainText('state_refine_1 compared with state_fix');
    await expectPage(detail.getByTestId('tasks-rewritten').locator('li')).toHaveText(['binary_operator', 'equals', 'state_and_event_wiring']);
    await expectPage(detail.getByTestId('tasks-dropped')).toContainText('fix_rule_3_binary_operators_evaluate_strictly_left_to_right');
    const diff = detail.getByTestId('code-diff').filter({ hasText: 'binary_operator' });
    await expectPage(diff.locator('.added').first()).toContainText('+ ');
    await expectPage(diff.locator('.removed').first()).toContainText('- ');
    await expectPage(page.locator('.round[data-round="2"]').getByTestId('round-notes')).toContainText('REFINE dropped the unsolved task');
    // FIX mode starts from the previous round's final state.
    await page.locator('[data-step="2:state fix"]').click();
    await expectPage(detail.getByTestId('tasks-added').locator('li')).toHaveCount(2);
  });

  it('shows a failure with its actions, expected vs actual, screenshot and trace command; fixed tests in the next round', async () => {
    await openRun(`0/${DEMO_RUN}`);
    await page.locator('[data-step="1:VERDICT"]').click();
    const failure = page.getByTestId('failure').filter({ hasText: '2 + 3 * 4 = gives 20 (left to right, no precedence)' });
    await failure.locator(':scope > summary').click();
    await expectPage(failure.getByTestId('expected-actual')).toContainText('"20"');
    await expectPage(failure.getByTestId('expected-actual')).toContainText('"14"');
    await expectPage(failure.locator('ol li')).toHaveText(['click 2 + 3 * 4 =']);
    const screenshot = failure.getByTestId('failure-screenshot');
    await expectPage(screenshot).toBeVisible();
    expect(await screenshot.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(100);
    await expectPage(failure.getByTestId('trace-command')).toHaveText(/^npx playwright show-trace .+round_1\/ralph\/results\/operators-Rule-3-binary-op-0700e-eft-to-right-no-precedence-\/trace\.zip$/);
    await expectPage(page.getByTestId('test-group').filter({ hasText: 'Rule 3: binary operators' }).first()).toHaveClass(/has-failures/);
    await page.locator('[data-step="2:VERDICT"]').click();
    await expectPage(page.getByTestId('comparison-previous').getByTestId('fixed').locator('li')).toHaveCount(5);
    await expectPage(page.getByTestId('comparison-previous').getByTestId('broken').locator('li')).toHaveCount(0);
  });

  it('runs the artifact live in a sandboxed frame that cannot reach the network', async () => {
    await openRun(`0/${DEMO_RUN}`);
    await page.locator('[data-step="1:VERDICT"]').click();
    const frameElement = page.getByTestId('artifact-frame');
    await expectPage(frameElement).toHaveAttribute('sandbox', 'allow-scripts');
    const frame = page.frameLocator('[data-testid=artifact-frame]');
    for (const key of ['2', '+', '3', '*', '4', '=']) await frame.locator(`button[data-key="${key}"]`).click();
    // Round 1's app has the bug its verdict reports.
    await expectPage(frame.locator('#display')).toHaveText('14');
    const artifact = page.frames().find((candidate) => candidate.url().includes('/artifact/'));
    const attempt = await artifact?.evaluate(async (url) => {
      try {
        // no-cors: without the policy this resolves (an opaque answer); only the policy makes it fail.
        await fetch(url, { mode: 'no-cors' });
        return 'reached the network';
      } catch {
        return 'blocked';
      }
    }, `${viewer.url}api/index`);
    expect(attempt).toBe('blocked');
  });

  it('shows model text as text, calls with reasoning and server retries, judge errors apart, fresh starts', async () => {
    await openRun('1/bench_fixture/runs/replay_demo__calculator__inner__t1');
    await page.locator('[data-step="1:INIT"]').first().click();
    await expectPage(page.getByTestId('call-raw').locator('pre')).toHaveText('{"solved_tasks": ["<img src=x onerror=alert(1)>"');
    await expectPage(page.getByTestId('call-detail').locator('img')).toHaveCount(0);
    await expectPage(page.getByTestId('call-error')).toContainText('PHASE_OUTPUT_INVALID');
    await page.locator('[data-step="1:INIT"]').nth(1).click();
    await expectPage(page.getByTestId('call-reasoning')).toContainText('<b>Left to right</b>');
    await expectPage(page.getByTestId('server-attempts').locator('tbody tr')).toHaveCount(2);
    await expectPage(page.getByTestId('call-prompt')).toContainText('<script>window.__pwned = true</script>');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    await page.locator('[data-step="1:VERDICT"]').click();
    await expectPage(page.getByTestId('judge-errors')).toContainText('ENOENT');
    await expectPage(page.getByTestId('failure')).toHaveCount(1);
    await expectPage(page.locator('[data-step="2:VERDICT"] .flag')).toHaveText(['judge-error']);
    await expectPage(page.locator('.round[data-round="2"]').getByTestId('fresh-start')).toBeVisible();
    await expectPage(page.locator('.round[data-round="2"] .round-head')).toContainText('REFINE answers: changes');
    expect(pageErrors).toEqual([]);
  });

  it('shows a bench’s charts and tables, each trial linked to its run', async () => {
    await page.goto(viewer.url);
    await page.getByRole('link', { name: 'bench_fixture' }).click();
    await expectPage(page.getByTestId('bench-charts').locator('svg')).toHaveCount(3);
    const trials = page.getByTestId('trials-table').locator('tbody tr');
    await expectPage(trials).toHaveCount(2);
    await expectPage(trials.nth(1)).toContainText('(not found)');
    await trials.first().getByRole('link').click();
    await expectPage(page.locator('h2')).toContainText('replay_demo__calculator__inner__t1');
  });

  it('follows a run that grows while the page is open', async () => {
    const growing = new GrowingRun(join(fixture.output, 'run_20261201_235959'));
    growing.start();
    await openRun('0/run_20261201_235959');
    await expectPage(page.getByTestId('run-status')).toHaveText('running');
    await expectPage(page.locator('.step')).toHaveCount(2);
    growing.refine();
    await expectPage(page.locator('[data-step="1:state refine_1"]')).toBeVisible();
    growing.finish();
    await expectPage(page.getByTestId('round-count')).toHaveText('2');
    await expectPage(page.getByTestId('run-status')).toHaveText('passed');
    await expectPage(page.locator('[data-step="2:VERDICT"]')).toBeVisible();
  });

  it('exports a static copy that opens from disk, screenshots and artifact included', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ndli-viewer-export-'));
    try {
      const summary = exportViewer({ roots: [fixture.output, fixture.bench], directory });
      expect(summary.runs).toBeGreaterThanOrEqual(2);
      await page.goto(`${pathToFileURL(join(directory, 'index.html')).href}#/run/0/${DEMO_RUN}`);
      await page.locator('[data-step="1:VERDICT"]').click();
      const failure = page.getByTestId('failure').first();
      await failure.locator(':scope > summary').click();
      expect(await failure.getByTestId('failure-screenshot').evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(100);
      await expectPage(page.frameLocator('[data-testid=artifact-frame]').locator('#display')).toBeVisible();
      expect(pageErrors).toEqual([]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

/** A spec that holds tests out: an overfit run (measure), a reveal run with candidates, a plain candidates run, a bench. */
describe('held-out tests in a browser', () => {
  let heldOutViewer: RunningViewer;
  const OVERFIT = 'run_20261202_090000';
  const REVEAL = 'run_20261202_100000';
  const PLAIN_CANDIDATES = 'run_20261202_110000';

  beforeAll(async () => {
    heldOutViewer = await startViewer({ roots: [fixture.heldOut], port: 0, pollMs: 150 });
  });
  afterAll(async () => {
    await heldOutViewer?.close();
  });

  const openHeldOutRun = async (name: string) => {
    await page.goto(`${heldOutViewer.url}#/run/0/${name}`);
    await page.getByTestId('timeline').waitFor();
  };

  it('lists an overfit run as overfit, with its visible and held-out rates apart', async () => {
    await page.goto(heldOutViewer.url);
    const row = page.locator(`tr[data-run=${OVERFIT}]`);
    await expectPage(row.locator('td.status')).toHaveText('overfit');
    await expectPage(row.locator('td.status')).toHaveClass(/\boverfit\b/);
    await expectPage(row.locator('td').nth(6)).toHaveText('visible 5/5 · held-out 1/3');
    await expectPage(page.locator(`tr[data-run=${PLAIN_CANDIDATES}] td`).nth(6)).toHaveText('4/5');
  });

  it('shows an overfit run: its own status explained, the mode, each round’s rates apart, the held-out failures', async () => {
    await openHeldOutRun(OVERFIT);
    const status = page.getByTestId('run-status');
    await expectPage(status).toHaveText('overfit');
    await expectPage(status).toHaveClass('status overfit');
    // Not drawn as a failure: its own colour.
    expect(await status.evaluate((element) => getComputedStyle(element).color)).toBe('rgb(126, 34, 206)');
    await expectPage(page.getByTestId('status-note')).toHaveText(/^Overfit: every visible test passed but held-out tests failed \(--held-out measure\)/);
    await expectPage(page.getByTestId('held-out-mode')).toHaveText('measure — judged every round, never shown to the model');
    await expectPage(page.getByTestId('best')).toHaveText('visible 5/5 · held-out 1/3 (round 2)');
    await expectPage(page.getByTestId('round-pass-rates')).toHaveText(['· visible 4/5 · held-out 1/3', '· visible 5/5 · held-out 1/3']);
    await expectPage(page.locator('[data-step="2:VERDICT"] .step-detail')).toHaveText('visible 5/5 · held-out 1/3');
    await expectPage(page.getByTestId('held-out-revealed')).toHaveCount(0);
    // The last round's verdict is shown first.
    const detail = page.getByTestId('held-out-detail');
    await expectPage(detail.locator('h4')).toHaveText('Held-out tests: 1/3 passed · visible tests 5/5');
    await expectPage(detail).toContainText('never shown to the model');
    await expectPage(detail.getByTestId('held-out-failing').locator('li')).toHaveText(['Edge cases › 1 / 0 = shows Error', 'Edge cases › sqrt of -4 shows Error']);
    await expectPage(page.getByTestId('failure').locator('.badge.held-out')).toHaveCount(2);
    // Round 1 also failed a visible test: only the held-out failures carry the mark.
    await page.locator('[data-step="1:VERDICT"]').click();
    await expectPage(page.getByTestId('failure')).toHaveCount(3);
    await expectPage(page.getByTestId('failure').filter({ hasText: '2 + 3 * 4 = gives 20' }).locator('.badge.held-out')).toHaveCount(0);
    expect(pageErrors).toEqual([]);
  });

  it('shows a reveal run: from which round the held-out failures are FIX blockers, and a held-out column for candidates', async () => {
    await openHeldOutRun(REVEAL);
    await expectPage(page.getByTestId('run-status')).toHaveText('passed');
    await expectPage(page.getByTestId('status-note')).toHaveCount(0);
    await expectPage(page.getByTestId('held-out-mode')).toHaveText('reveal — held-out failures are FIX blockers from round 3 on');
    await expectPage(page.getByTestId('held-out-revealed')).toHaveCount(1);
    await expectPage(page.locator('.round[data-round="3"]').getByTestId('held-out-revealed')).toBeVisible();
    await expectPage(page.getByTestId('held-out-detail')).toContainText('their failures are FIX blockers from round 3 on (--held-out reveal)');
    await page.locator('[data-step="1:VERDICT"]').click();
    await expectPage(page.getByTestId('held-out-detail')).toContainText('never shown to the model');
    const table = page.getByTestId('candidates-table');
    await expectPage(table.locator('th')).toHaveText(['#', 'visible tests', 'held-out tests', 'tokens', 'calls', 'artifact']);
    await expectPage(table.getByTestId('candidate-held-out')).toHaveText(['1/3', '2/3']);
    // verdict.json counts every test (4/8 and 5/8): the visible column shows the visible tests only.
    await expectPage(table.locator('tbody tr td:nth-child(2)')).toHaveText(['4/5 passed', '4/5 passed']);
    await expectPage(table.locator('caption')).toContainText('a tie goes to more held-out tests passed');
  });

  it('shows a bench’s held-out rate, visible rate, gap and overfit trials per group', async () => {
    await page.goto(`${heldOutViewer.url}#/bench/0/bench_held_out`);
    await expectPage(page.getByTestId('bench-charts').locator('svg')).toHaveCount(4);
    await expectPage(page.getByTestId('bench-charts').locator('figcaption').nth(3)).toHaveText('Held-out tests passed (best round), and the gap to the visible tests');
    const summary = page.getByTestId('summary-table');
    await expectPage(summary.locator('th')).toContainText(['held-out passed', 'visible passed', 'gap', 'overfit']);
    await expectPage(summary.getByTestId('group-held-out')).toHaveText(['67% (2 trials)', '—']);
    await expectPage(summary.getByTestId('group-visible')).toHaveText(['100%', '—']);
    await expectPage(summary.getByTestId('group-gap')).toHaveText(['33%', '—']);
    await expectPage(summary.getByTestId('group-overfit')).toHaveText(['1', '—']);
    const trials = page.getByTestId('trials-table');
    await expectPage(trials.locator('th').nth(7)).toHaveText('held-out (best)');
    await expectPage(trials.locator('tbody tr td:nth-child(8)')).toHaveText(['1/3', '3/3', '—', '—']);
    await expectPage(trials.locator('tbody tr').first().locator('td.status')).toHaveClass(/\boverfit\b/);
  });

  it('leaves runs and benches without held-out tests as they were: no held-out text, no empty columns', async () => {
    await openHeldOutRun(PLAIN_CANDIDATES);
    await page.locator('[data-step="1:VERDICT"]').click();
    await expectPage(page.getByTestId('candidates-table').locator('th')).toHaveText(['#', 'verdict', 'tokens', 'calls', 'artifact']);
    await expectPage(page.getByTestId('candidates-table').locator('caption')).toHaveText("Candidates (▶ the round's artifact: most visible tests passed)");
    await openRun(`0/${DEMO_RUN}`);
    await expectPage(page.getByTestId('best')).toHaveText('127/127 (round 2)');
    await expectPage(page.locator('[data-step="2:VERDICT"] .step-detail')).toHaveText('127/127');
    for (const testId of ['held-out-mode', 'status-note', 'round-pass-rates', 'held-out-revealed', 'held-out-detail']) await expectPage(page.getByTestId(testId)).toHaveCount(0);
    await expectPage(page.locator('main')).not.toContainText('held-out');
    await page.goto(`${viewer.url}#/bench/1/bench_fixture`);
    await expectPage(page.getByTestId('bench-charts').locator('svg')).toHaveCount(3);
    await expectPage(page.getByTestId('summary-table').locator('th')).toHaveCount(10);
    await expectPage(page.getByTestId('trials-table').locator('th')).toHaveCount(10);
    await expectPage(page.locator('main')).not.toContainText('held-out');
  });
});
