import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, resolveBrowser } from '../browser.js';
import { openAppContext, type AppContext } from './app-context.js';
import { loadFresh, nextVisit } from './fresh-load.js';
import { answers } from './page-freeze.js';

// Integration: a real Chromium, the app context the fixture opens.

const APP = `<!doctype html><p>loaded</p><script>document.querySelector('p').addEventListener('click', () => { for (;;) {} });</script>`;

describe('the freeze check (real Chromium)', () => {
  let browser: Browser;
  let app: AppContext;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: resolveBrowser().executablePath, args: [...CHROMIUM_ARGS] });
    app = await openAppContext({ browser, html: APP });
    const url = nextVisit(app, 'app.html');
    await loadFresh(app, async () => {
      await app.page.goto(url);
    });
  });
  afterAll(async () => {
    await browser.close();
  });

  it('counts a check cut short by a reload as an answer: a correct app is never taken for frozen', async () => {
    // The check is sent first, the reload right after: the old document is gone before it answers.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const [alive] = await Promise.all([answers(app.page, 2_000), app.page.reload()]);
      expect(alive).toBe(true);
    }
  });

  it('tells a page stuck in a script, and a closed one, as silent', async () => {
    expect(await answers(app.page, 500)).toBe(true);
    // The click's handler never returns: Playwright's click waits on it, so it is not awaited.
    void app.page.click('p', { timeout: 1_000 }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await answers(app.page, 500)).toBe(false);
    await app.page.close();
    expect(await answers(app.page, 500)).toBe(false);
  });
});
