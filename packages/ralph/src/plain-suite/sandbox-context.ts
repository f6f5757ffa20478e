import type { BrowserContext, Dialog, Page } from 'playwright/test';
import type { DiagnosticsRecorder } from '../app-fixture/diagnostics-recorder.js';
import { APP_ORIGIN } from '../app-fixture/judge-environment.js';

/** What the sandbox of one test's contexts serves and where it writes the evidence. */
export interface TestSandbox {
  /** The artifact's HTML: the answer to every page (document) request at the app's origin. */
  html: string;
  /** The test's evidence (undefined for a context made outside any test, e.g. in `beforeAll`). */
  recorder: DiagnosticsRecorder | undefined;
  /** Documents of the app served so far in this test: none means the test never reached the app. */
  documentsServed: number;
  /** Harness work on every new context after the sandbox (the mutation check's switch), or nothing. */
  prepareContext: ((context: BrowserContext) => Promise<void>) | undefined;
}

/** Listeners of `event` on a page or context (their typings leave out the EventEmitter they are). */
function listenerCount(target: object, event: string): number {
  const count: unknown = Reflect.get(target, 'listenerCount');
  return typeof count === 'function' ? Number(Reflect.apply(count, target, [event])) : 0;
}

/**
 * A dialog is recorded, then dismissed unless the test listens for dialogs itself (it then answers them: a test of a
 * `confirm()` accepts it). Playwright dismisses a dialog only when nothing listens, and this listener counts.
 */
function onDialog(page: Page, sandbox: TestSandbox): (dialog: Dialog) => void {
  return (dialog) => {
    if (dialog.type() !== 'beforeunload') sandbox.recorder?.note('dialogs', `${dialog.type()}: ${dialog.message()}`);
    if (listenerCount(page, 'dialog') + listenerCount(page.context(), 'dialog') > 1) return;
    (dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss()).catch(() => undefined);
  };
}

function watchPage(page: Page, sandbox: TestSandbox): void {
  page.on('console', (message) => {
    if (message.type() === 'error') sandbox.recorder?.note('consoleErrors', message.text());
  });
  page.on('pageerror', (error) => sandbox.recorder?.note('pageErrors', `${error.name}: ${error.message}`));
  page.on('crash', () => sandbox.recorder?.note('pageErrors', 'The page crashed (renderer process died).'));
  page.on('dialog', onDialog(page, sandbox));
}

/**
 * The judge's sandbox on a context a plain suite uses (Playwright's own `context`, or one the test makes): a page
 * request (navigation, reload, history, a popup) at the app's origin gets the artifact, whatever its path, as a
 * single-page app's server would answer; every other request and every WebSocket is blocked and listed as evidence.
 * Console and page errors and dialogs of every page of the context (popups too) are recorded.
 */
export async function sandboxContext(context: BrowserContext, sandbox: TestSandbox): Promise<void> {
  await context.route('**/*', async (route) => {
    const request = route.request();
    const url = request.url();
    if (request.resourceType() === 'document' && url.startsWith(`${APP_ORIGIN}/`)) {
      sandbox.documentsServed += 1;
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: sandbox.html });
      return;
    }
    sandbox.recorder?.note('blockedRequests', url);
    await route.abort('blockedbyclient');
  });
  // `context.route` never sees WebSockets: without this an app could reach any ws:// server.
  await context.routeWebSocket(/.*/, async (socket) => {
    sandbox.recorder?.note('blockedRequests', socket.url());
    await socket.close({ code: 1008, reason: 'blocked by the judge' }).catch(() => undefined);
  });
  for (const page of context.pages()) watchPage(page, sandbox);
  context.on('page', (page) => watchPage(page, sandbox));
  await sandbox.prepareContext?.(context);
}
