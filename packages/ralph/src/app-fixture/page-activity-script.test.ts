import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, resolveBrowser } from '../browser.js';
import { openAppContext, type AppContext } from './app-context.js';
import { loadFresh, nextVisit } from './fresh-load.js';
import { PAGE_ACTIVITY_GLOBAL } from './page-activity-script.js';

// Integration: a real Chromium, the app context the fixture opens (which adds the script to every document).

const APP = `<!doctype html><style>#box { transition: width 300ms linear; width: 10px; }</style><div id="box"></div>`;

describe('the page activity probe (real Chromium)', () => {
  let browser: Browser;
  let app: AppContext;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: resolveBrowser().executablePath, args: [...CHROMIUM_ARGS] });
    app = await openAppContext({ browser, html: APP });
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    const url = nextVisit(app, 'app.html');
    await loadFresh(app, async () => {
      await app.page.goto(url);
    });
  });

  /** Runs `scenario` in the page with `idle()` (the probe) and returns what it collected. */
  async function inPage<T>(scenario: string): Promise<T> {
    return (await app.page.evaluate(`(async () => { const idle = () => window[${JSON.stringify(PAGE_ACTIVITY_GLOBAL)}](); ${scenario} })()`)) as T;
  }

  it('is idle on a loaded page with nothing scheduled, and cannot be replaced by the app', async () => {
    expect(await inPage('window[' + JSON.stringify(PAGE_ACTIVITY_GLOBAL) + '] = () => false; return idle();')).toBe(true);
  });

  it('counts a timeout until it ran, and not once it was cleared; string handlers still run', async () => {
    const seen = await inPage<boolean[]>(`
      const seen = [];
      await new Promise((resolve) => { setTimeout(resolve, 30); seen.push(idle()); });
      seen.push(idle());
      const cleared = setTimeout(() => {}, 1000);
      seen.push(idle());
      clearTimeout(cleared);
      seen.push(idle());
      setTimeout('window.ranFromText = true', 10);
      seen.push(idle());
      await new Promise((resolve) => setTimeout(resolve, 40));
      seen.push(idle(), window.ranFromText === true);
      return seen;`);
    expect(seen).toEqual([false, true, false, true, false, true, true]);
  });

  it('counts an interval until it is cleared, whichever clear function clears it', async () => {
    const seen = await inPage<boolean[]>(`
      const interval = setInterval(() => {}, 5);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const busy = idle();
      clearTimeout(interval);
      return [busy, idle()];`);
    expect(seen).toEqual([false, true]);
  });

  it('counts an animation-frame callback until it ran, and a cancelled one not at all', async () => {
    const seen = await inPage<boolean[]>(`
      const seen = [];
      await new Promise((resolve) => { requestAnimationFrame(resolve); seen.push(idle()); });
      seen.push(idle());
      cancelAnimationFrame(requestAnimationFrame(() => {}));
      seen.push(idle());
      return seen;`);
    expect(seen).toEqual([false, true, true]);
  });

  it('counts a running CSS transition until it ends', async () => {
    const seen = await inPage<boolean[]>(`
      const box = document.getElementById('box');
      const ended = new Promise((resolve) => box.addEventListener('transitionend', resolve));
      box.getBoundingClientRect();
      box.style.width = '200px';
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const busy = idle();
      await ended;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return [busy, idle()];`);
    expect(seen).toEqual([false, true]);
  });

  it('counts a fetch and an XHR in flight, also when they fail', async () => {
    const seen = await inPage<boolean[]>(`
      const seen = [];
      const own = fetch(location.href);
      seen.push(idle());
      await own;
      seen.push(idle());
      const blocked = fetch('https://cdn.example.com/lib.js').catch(() => 'blocked');
      seen.push(idle());
      await blocked;
      seen.push(idle());
      const request = new XMLHttpRequest();
      request.open('GET', location.href);
      const done = new Promise((resolve) => request.addEventListener('loadend', resolve));
      request.send();
      seen.push(idle());
      await done;
      seen.push(idle());
      return seen;`);
    expect(seen).toEqual([false, true, false, true, false, true]);
  });

  it('is never idle again once the page started a Web Worker (its answers may come at any time)', async () => {
    const seen = await inPage<boolean[]>(`
      const worker = new Worker(URL.createObjectURL(new Blob(['onmessage = () => {};'], { type: 'text/javascript' })));
      const isWorker = worker instanceof Worker;
      worker.terminate();
      await new Promise((resolve) => setTimeout(resolve, 20));
      return [isWorker, idle()];`);
    expect(seen).toEqual([true, false]);
  });
});
