import type { Browser, BrowserContext, CDPSession, Page } from 'playwright/test';
import { pageActivityScript } from './page-activity-script.js';
import { QUIETED_MARKER, quietPageScript } from './quiet-page-script.js';
import type { DiagnosticsRecorder } from './diagnostics-recorder.js';

/**
 * Calls that change a context for every later page (Playwright's clock, permissions, emulation, extra routes). A
 * test that makes one leaves a context no other test may inherit: it is replaced before the next test.
 */
const CONTEXT_CHANGING_METHODS = ['grantPermissions', 'clearPermissions', 'setGeolocation', 'setOffline', 'setExtraHTTPHeaders', 'setHTTPCredentials', 'addInitScript', 'exposeBinding', 'exposeFunction', 'route', 'routeFromHAR', 'addCookies'] as const;
const PAGE_CHANGING_METHODS = ['setViewportSize', 'emulateMedia', 'setExtraHTTPHeaders', 'addInitScript', 'exposeBinding', 'exposeFunction', 'route', 'routeFromHAR'] as const;
const CLOCK_METHODS = ['install', 'fastForward', 'pauseAt', 'resume', 'runFor', 'setFixedTime', 'setSystemTime'] as const;

/** One browser context and page showing the artifact, with the sandbox's routes and the evidence listeners. */
export interface AppContext {
  context: BrowserContext;
  page: Page;
  /** The page's DevTools session (a one-shot script for the next document; clearing a used origin). */
  devtools: CDPSession;
  /** True once a test changed the context (clock, permissions …) or the page crashed, froze or closed. */
  dirty: boolean;
  /** How many tests have opened the app in this context: the current one's app is at `visitOrigin(visits)`. */
  visits: number;
  /** The artifact's URL for the current test (the only request served). */
  url: string;
  /** The evidence of the test now using this context (undefined between tests: nothing is recorded then). */
  recorder: DiagnosticsRecorder | undefined;
  /** Set when the page announced it holds further messages back (quiet-page-script.ts). */
  quieted: boolean;
}

function markDirtyOnCall(target: object, methods: readonly string[], onCall: () => void): void {
  for (const name of methods) {
    const original: unknown = Reflect.get(target, name);
    if (typeof original !== 'function') continue;
    Reflect.set(target, name, (...args: unknown[]): unknown => {
      onCall();
      return Reflect.apply(original, target, args);
    });
  }
}

export interface AppContextOptions {
  browser: Browser;
  /** The artifact's HTML, served at the current test's URL (see fresh-load.ts). */
  html: string;
}

/**
 * Opens a context that serves only the artifact: every other request and every WebSocket is blocked and listed,
 * service workers are refused, dialogs dismissed (a `beforeunload` one accepted, so leaving the page never hangs),
 * console and page errors collected.
 */
export async function openAppContext(options: AppContextOptions): Promise<AppContext> {
  const context = await options.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const devtools = await context.newCDPSession(page);
  const app: AppContext = { context, page, devtools, dirty: false, visits: 0, url: '', recorder: undefined, quieted: false };
  // Scripts added through this session run in new documents only once its Page domain is on (fresh-load.ts).
  await Promise.all([devtools.send('Page.enable'), context.addInitScript({ content: `${quietPageScript()}\n${pageActivityScript()}` })]);
  await context.route('**/*', async (route) => {
    const requested = route.request().url();
    if (requested === app.url) {
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: options.html });
    } else {
      app.recorder?.note('blockedRequests', requested);
      await route.abort('blockedbyclient');
    }
  });
  // `context.route` never sees WebSockets: without this an app could reach any ws:// server (a model server on
  // 127.0.0.1:1234 included). A handler that never calls connectToServer() means no connection is made.
  await context.routeWebSocket(/.*/, async (socket) => {
    app.recorder?.note('blockedRequests', socket.url());
    await socket.close({ code: 1008, reason: 'blocked by the judge' }).catch(() => undefined);
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (text === QUIETED_MARKER) app.quieted = true;
    else app.recorder?.note('consoleErrors', text);
  });
  page.on('pageerror', (error) => app.recorder?.note('pageErrors', `${error.name}: ${error.message}`));
  page.on('crash', () => {
    app.dirty = true;
    app.recorder?.note('pageErrors', 'The page crashed (renderer process died).');
  });
  page.on('close', () => {
    app.dirty = true;
  });
  page.on('dialog', (dialog) => {
    if (dialog.type() === 'beforeunload') {
      dialog.accept().catch(() => undefined);
      return;
    }
    app.recorder?.note('dialogs', `${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => undefined);
  });
  const dirty = (): void => {
    app.dirty = true;
  };
  markDirtyOnCall(context, CONTEXT_CHANGING_METHODS, dirty);
  markDirtyOnCall(page, PAGE_CHANGING_METHODS, dirty);
  markDirtyOnCall(context.clock, CLOCK_METHODS, dirty);
  return app;
}

export async function closeWithin(target: { close(): Promise<void> }, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    target.close().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
