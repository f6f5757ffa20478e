import type { AppContext } from './app-context.js';
import { visitOrigin } from './judge-environment.js';

/**
 * Runs first in the next document of the tab, once, before the app's scripts: a navigation to another origin of
 * the same site keeps the tab's window name, the one thing a page leaves that is not kept per origin. Only in the
 * top document (a frame the app adds must not rename the tab).
 */
export const CLEAR_WINDOW_NAME_SCRIPT = `(() => { if (window === window.top) window.name = ''; })();`;

/**
 * Moves the context to its next visit: the app's URL for this test, at an origin no earlier test used.
 * Returns that URL (what `loadFresh` then loads).
 */
export function nextVisit(app: AppContext, fileName: string): string {
  app.visits += 1;
  app.url = `${visitOrigin(app.visits)}/${encodeURIComponent(fileName)}`;
  return app.url;
}

/**
 * Opens the app for a test with nothing an earlier test's page left, in one navigation.
 *
 * Every store a page can write is kept per origin — local and session storage, IndexedDB, host cookies (Cache
 * Storage and service workers need a secure context, which these origins are not) — and each test's app is at an
 * origin of its own (`nextVisit`). So what the old page writes, even in its last moments (a timer, a pagehide
 * handler that Chromium runs after the next document has started), lands where no later test looks. That is why
 * clearing in place was given up: it must wait for the old document to be gone, which took a second navigation to
 * a blank page (about 40 % more CPU per test, measured on the calculator suite). The origins are all of one site,
 * so the tab keeps its renderer process. What is shared by the site is cleared before the load: cookies set for the
 * whole domain (context-wide) and the window name (a one-shot script in the new document). The used origin's
 * storage is dropped afterwards, not waited for.
 *
 * `load` navigates to `app.url` (the fixture's `open`, which also tells a hang at load).
 */
export async function loadFresh(app: AppContext, load: () => Promise<void>): Promise<void> {
  const [{ identifier }] = await Promise.all([
    app.devtools.send('Page.addScriptToEvaluateOnNewDocument', { source: CLEAR_WINDOW_NAME_SCRIPT }),
    app.visits > 1 ? app.context.clearCookies() : undefined,
  ]);
  try {
    await load();
  } finally {
    // Later loads in the same test (a test of persistence re-opens the app) keep the name the app gave the tab.
    await app.devtools.send('Page.removeScriptToEvaluateOnNewDocument', { identifier }).catch(() => undefined);
  }
  if (app.visits > 1) {
    void app.devtools.send('Storage.clearDataForOrigin', { origin: visitOrigin(app.visits - 1), storageTypes: 'all' }).catch(() => undefined);
  }
}
