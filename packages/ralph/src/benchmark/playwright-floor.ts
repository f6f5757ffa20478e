// The floor under a verdict: the same loads and inputs a verdict made, driven through Playwright's library with no
// test runner, no fixture and no evidence, in as many browsers as the judge has workers. What a verdict takes above
// this is the harness's (runner, fixture, evidence); this itself is Chromium's and Playwright's protocol work, which
// no change to ralph can remove while every test loads the app once and clicks like a user.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../browser.js';
import { resolveSandbox } from '../sandbox.js';
import { visitOrigin } from '../app-fixture/judge-environment.js';
import { childCpuSeconds } from './child-cpu.js';

/** What one test did to the page, as its evidence recorded it (`click 1 + 2 =`, `keyboard Enter`). */
export interface ReplayedTest {
  /** `button[data-key="K"]` clicked in turn, as the calculator's `press` does (a read of its centre, a real click). */
  clicks: string[];
  /** Keyboard keys pressed in turn. */
  keys: string[];
}

/**
 * The tests of a verdict as far as the floor replays them: the calculator spec's `click …` and `keyboard …` actions
 * from each test's diagnostics file (other actions are counted in `skipped`, not replayed). One entry per test.
 */
export function readReplayedTests(outputDirectory: string): { tests: ReplayedTest[]; skipped: number } {
  const directory = join(outputDirectory, 'diagnostics');
  const tests: ReplayedTest[] = [];
  let skipped = 0;
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.json'))) {
    const { actions } = JSON.parse(readFileSync(join(directory, file), 'utf8')) as { actions?: string[] };
    const test: ReplayedTest = { clicks: [], keys: [] };
    for (const action of actions ?? []) {
      const [kind, ...tokens] = action.split(' ');
      if (kind === 'click') test.clicks.push(...tokens);
      else if (kind === 'keyboard') test.keys.push(...tokens);
      else skipped += 1;
    }
    tests.push(test);
  }
  return { tests, skipped };
}

async function clickKey(page: Page, key: string): Promise<void> {
  const centre = await page.evaluate((query) => {
    const button = document.querySelector(query);
    if (!button) return undefined;
    button.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const box = button.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }, `button[data-key="${key}"]`);
  if (!centre) throw new Error(`The floor's app has no button[data-key="${key}"].`);
  await page.mouse.click(centre.x, centre.y);
}

export interface FloorOptions {
  executablePath: string;
  /** The artifact to load, served at a new origin for every test as the judge does. */
  artifact: string;
  tests: readonly ReplayedTest[];
  /** Browsers side by side, each with one page (the judge's workers). */
  workers: number;
}

export interface FloorSample {
  ms: number;
  /** CPU seconds of this process and its browsers (Linux; NaN elsewhere). */
  cpuSeconds: number;
}

/**
 * Replays the tests in `workers` browsers launched with the judge's flags: per test a load at a new origin (waiting
 * for `load`), each click as a read of the button's centre and a real mouse click, each key press, and one read of
 * `#display`. Measured from the launch of the browsers to their close.
 */
export async function measureFloor(options: FloorOptions): Promise<FloorSample> {
  const html = readFileSync(options.artifact, 'utf8');
  // The judge's sandbox decision, so the floor's Chromium runs as the judge's does.
  const { osSandbox } = await resolveSandbox(options.executablePath);
  const fileName = encodeURIComponent(basename(options.artifact));
  const cpuBefore = childCpuSeconds();
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: options.workers }, async () => {
      const browser = await chromium.launch({ executablePath: options.executablePath, args: [...CHROMIUM_ARGS], chromiumSandbox: osSandbox });
      try {
        const context = await browser.newContext({ serviceWorkers: 'block' });
        const page = await context.newPage();
        let url = '';
        await context.route('**/*', (route) => (route.request().url() === url ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }) : route.abort('blockedbyclient')));
        for (let index = next++; index < options.tests.length; index = next++) {
          const test = options.tests[index];
          if (!test) continue;
          url = `${visitOrigin(index + 1)}/${fileName}`;
          await page.goto(url, { waitUntil: 'load' });
          for (const key of test.clicks) await clickKey(page, key);
          for (const key of test.keys) await page.keyboard.press(key);
          await page.evaluate(() => document.querySelector('#display')?.textContent);
        }
      } finally {
        await browser.close();
      }
    }),
  );
  const ms = performance.now() - started;
  const own = process.cpuUsage(ownBefore);
  return { ms, cpuSeconds: childCpuSeconds() - cpuBefore + (own.user + own.system) / 1e6 };
}
