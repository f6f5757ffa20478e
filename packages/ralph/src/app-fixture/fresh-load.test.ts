import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, resolveBrowser } from '../browser.js';
import { openAppContext, type AppContext } from './app-context.js';
import { loadFresh, nextVisit } from './fresh-load.js';

// Integration: a real Chromium. The judge's isolation as a whole is proven by the isolation spec against leaky apps
// (judge-integrity.test.ts); this checks what one fresh load does and keeps.

/** Shows what an earlier page left, then leaves state behind: storage, a database, a domain cookie, the tab's name. */
const APP = `<!doctype html><output id="found">checking</output><script>
  (async () => {
    const found = [];
    if (localStorage.getItem('left')) found.push('localStorage');
    if (sessionStorage.getItem('left')) found.push('sessionStorage');
    if ((await indexedDB.databases()).length > 0) found.push('IndexedDB');
    if (document.cookie.includes('left=1')) found.push('a cookie');
    if (window.name === 'left') found.push('window.name');
    document.getElementById('found').textContent = found.join(', ') || 'nothing';
    localStorage.setItem('left', '1');
    sessionStorage.setItem('left', '1');
    indexedDB.open('left', 1);
    document.cookie = 'left=1; max-age=3600; path=/; domain=ndli.app.test';
    window.name = 'left';
  })();
</script>`;

describe('loadFresh (real Chromium)', () => {
  let browser: Browser;
  let app: AppContext;
  const navigations: string[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: resolveBrowser().executablePath, args: [...CHROMIUM_ARGS] });
    app = await openAppContext({ browser, html: APP });
    app.page.on('framenavigated', (frame) => navigations.push(frame.url()));
  });
  afterAll(async () => {
    await browser.close();
  });

  async function found(): Promise<string> {
    await expect.poll(() => app.page.locator('#found').textContent()).not.toBe('checking');
    return (await app.page.locator('#found').textContent()) ?? '';
  }

  it('loads each visit at an origin of its own in one navigation, with nothing an earlier visit left', async () => {
    for (const visit of [1, 2, 3]) {
      navigations.length = 0;
      const url = nextVisit(app, 'app.html');
      expect(url).toBe(`http://visit-${visit}.ndli.app.test/app.html`);
      await loadFresh(app, async () => {
        await app.page.goto(url);
      });
      expect(navigations).toEqual([url]);
      expect(await found()).toBe('nothing');
    }
  });

  it('keeps what the app stored for later loads in the same test (a test of persistence re-opens the app)', async () => {
    await app.page.reload();
    expect(await found()).toBe('localStorage, sessionStorage, IndexedDB, a cookie, window.name');
  });
});
