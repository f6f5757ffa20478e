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
