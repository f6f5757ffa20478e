import { test as base, expect, type Page, type TestInfo } from 'playwright/test';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { closeWithin, openAppContext, type AppContext } from './app-context.js';
import { loadFresh, nextVisit } from './fresh-load.js';
import { DiagnosticsRecorder } from './diagnostics-recorder.js';
import { installOwnFramesMapping } from './own-frames-mapping.js';
import { runAsOneStep } from './one-step.js';
import { answers, FREEZE_MS, watchForFreeze } from './page-freeze.js';
import { setTimeout as delay } from 'node:timers/promises';
import { PAGE_COUNTS_GLOBAL, PAGE_MESSAGE_LIMIT } from './quiet-page-script.js';
import { ARTIFACT_ENV, DIAGNOSTICS_ATTACHMENT, LOAD_HANG_MARKER, RUN_DIRECTORY_ENV } from './judge-environment.js';

export { ARTIFACT_ENV, RUN_DIRECTORY_ENV, APP_ORIGIN, DIAGNOSTICS_ATTACHMENT, LOAD_HANG_MARKER } from './judge-environment.js';

export interface AppDiagnostics {
  /** Actions the test performed, in order (e.g. `click [data-key="2"]`, `press Enter`). */
  actions: string[];
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
  blockedRequests: string[];
}

export interface AppUnderTest {
  page: Page;
  url: string;
  /** Loads (or reloads) the artifact. Called once before the test body; call again to test persistence. */
  open(): Promise<void>;
  /** Records a user-level action so a failure can say what was done. Spec helpers call this. */
  record(action: string): void;
  /**
   * Records `action` (as `record` does) and runs `body`, the Playwright calls that make it up (a sequence of clicks
   * or key presses; assertions stay outside), as one step when the test is not traced: cheaper than a step per
   * call (one-step.ts). A traced test keeps every call as an action of its own, so the trace shows each click. An
   * error inside an untraced action is named after it (`click 2 + 3: …`), as Playwright names a call's own errors.
   */
  perform(action: string, body: () => Promise<void>): Promise<void>;
  diagnostics: AppDiagnostics;
}

function artifactPath(): string {
  const path = process.env[ARTIFACT_ENV];
  if (!path) throw new Error(`${ARTIFACT_ENV} is not set: run specs through ralph (\`ndli test <spec> <artifact>\`).`);
  return path;
}

function hangMarkerPath(): string | undefined {
  const directory = process.env[RUN_DIRECTORY_ENV];
  return directory ? join(directory, LOAD_HANG_MARKER) : undefined;
}

/**
 * How tests are kept apart. `reopen` (default): one context per worker, the app loaded fresh for each test at an
 * origin no earlier test used, so no storage, cookie, database or timer of theirs reaches it (fresh-load.ts); a
 * context a test changed (clock, permissions) or whose page crashed or froze is replaced. `new-context`: a new
 * context for every test (the previous behaviour).
 */
export type Isolation = 'reopen' | 'new-context';

/**
 * Harness work on the test's page before the app is opened (init scripts, bindings, listeners), undone by the
 * function it returns after the test. What it changes does not mark the context as changed by the test: it is
 * undone, so the next test may still reuse the context. ralph's mutation check sets it (the active mutant).
 */
export type BeforeAppOpen = (page: Page, app: { url: string }) => Promise<() => Promise<void>>;

export interface AppFixtureOptions {
  /** This test gets a new context of its own, closed after it: declare it for tests of Playwright's clock or permissions. */
  pristineContext: boolean;
  beforeAppOpen: BeforeAppOpen | undefined;
}

export interface AppWorkerOptions {
  isolation: Isolation;
  /**
   * Let the worker go on after a test failed on the app's account (an assertion; the browser still connected):
   * Playwright otherwise replaces the worker after every failure, ~1 s each. ralph sets it when it runs every test
   * (no maxFailures), since the failure is then marked expected to Playwright (the verdict reads the result itself).
   */
  keepWorkerOnFailure: boolean;
  /** Map only the spec's own stack frames through source maps (own-frames-mapping.ts); off for the previous behaviour. */
  mapOnlyOwnStackFrames: boolean;
}

export interface WorkerSession {
  current: AppContext | undefined;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message.split('\n')[0] : String(error)) ?? '';
}

/** Reads how many messages the page held back (quiet-page-script.ts) into the evidence. */
async function countHeldBack(app: AppContext, recorder: DiagnosticsRecorder): Promise<void> {
  if (!app.quieted || app.page.isClosed()) return;
  const counts = await Promise.race([
    app.page.evaluate((name) => Reflect.get(window, name) as { console: number; errors: number } | undefined, PAGE_COUNTS_GLOBAL).catch(() => undefined),
    delay(500, undefined, { ref: false }),
  ]);
  if (!counts) return;
  recorder.omit('consoleErrors', counts.console - PAGE_MESSAGE_LIMIT);
  recorder.omit('pageErrors', counts.errors - PAGE_MESSAGE_LIMIT);
}

function mustReplace(app: AppContext, wantsOwnContext: boolean): boolean {
  return wantsOwnContext || app.dirty || app.page.isClosed() || !app.context.browser()?.isConnected();
}

function failedOnAppsAccount(testInfo: TestInfo, app: AppContext): boolean {
  return testInfo.status === 'failed' && testInfo.expectedStatus === 'passed' && app.context.browser()?.isConnected() === true;
}

/**
 * `app`: a page showing the artifact under test, freshly loaded, with nothing left by an earlier test (see
 * Isolation). The app is untrusted generated code: every request but the artifact itself is blocked (WebSockets
 * too), dialogs are dismissed, and console/page errors are collected as evidence for FIX blockers.
 */
export const test = base.extend<{ app: AppUnderTest } & AppFixtureOptions, AppWorkerOptions & { appSession: WorkerSession }>({
  pristineContext: [false, { option: true }],
  beforeAppOpen: [undefined, { option: true }],
  isolation: ['reopen', { option: true, scope: 'worker' }],
  keepWorkerOnFailure: [false, { option: true, scope: 'worker' }],
  mapOnlyOwnStackFrames: [false, { option: true, scope: 'worker' }],
  appSession: [
    async ({ mapOnlyOwnStackFrames }, use) => {
      // Playwright's worker installs its stack hook (source-map-support) before it loads any test file.
      if (mapOnlyOwnStackFrames) installOwnFramesMapping();
      const session: WorkerSession = { current: undefined };
      await use(session);
      if (session.current) await closeWithin(session.current.context, 2_000);
    },
    { scope: 'worker' },
  ],
  app: async ({ browser, appSession, pristineContext, beforeAppOpen, isolation, keepWorkerOnFailure, trace }, use, testInfo) => {
    const path = artifactPath();
    const traced = (typeof trace === 'string' ? trace : trace.mode) !== 'off';
    const html = readFileSync(path, 'utf8');
    const marker = hangMarkerPath();
    // Named by test id: Playwright's per-test output folders collide for titles that differ only in punctuation
    // (`1 / 0 = *` and `1 / 0 = /`), and a starting test empties its folder.
    const recorder = new DiagnosticsRecorder(join(process.env[RUN_DIRECTORY_ENV] ?? testInfo.project.outputDir, 'diagnostics', `${testInfo.testId}.json`));
    testInfo.attachments.push({ name: DIAGNOSTICS_ATTACHMENT, contentType: 'application/json', path: recorder.file });

    if (marker && existsSync(marker)) {
      // An earlier test saw the app hang at load; loading it again would only burn the navigation timeout.
      recorder.note('pageErrors', readFileSync(marker, 'utf8'));
      recorder.flush();
      throw new Error(`The app never finished loading: ${readFileSync(marker, 'utf8')}`);
    }

    const ownContext = pristineContext || isolation === 'new-context';
    let current = appSession.current;
    if (!current || mustReplace(current, ownContext)) {
      if (current) await closeWithin(current.context, 2_000);
      current = await openAppContext({ browser, html });
      appSession.current = current;
    }
    const url = nextVisit(current, basename(path));
    const { page } = current;
    // The harness's own init scripts and bindings are undone after the test: they do not make the context dirty.
    const dirtyBefore = current.dirty;
    const undoSetup = beforeAppOpen ? await beforeAppOpen(page, { url }) : undefined;
    current.dirty = dirtyBefore;
    current.quieted = false;
    // From here on the page's messages are this test's evidence. (A message the earlier test's page sends in its
    // last moments, as the load below replaces it, lands here too: it comes from the same app.)
    current.recorder = recorder;

    const app: AppUnderTest = {
      page,
      url,
      diagnostics: recorder.diagnostics,
      record: (action) => recorder.note('actions', action),
      perform: async (action, body) => {
        recorder.note('actions', action);
        if (traced) await body();
        else await runAsOneStep(page, action, body);
      },
      open: async () => {
        try {
          await page.goto(url, { waitUntil: 'load' });
        } catch (error) {
          const reason = firstLine(error);
          if (/Timeout/i.test(reason) && !(await answers(page, 500))) {
            const description = `the page did not finish loading and stopped responding (a script at load runs forever?): ${reason}`;
            if (marker) writeFileSync(marker, description);
            current.dirty = true;
            // Screenshots, traces and page snapshots would each wait on the stuck renderer: close it now.
            await closeWithin(page, 1_000);
            throw new Error(`The app never finished loading: ${description}`, { cause: error });
          }
          throw error;
        }
      },
    };
    try {
      await loadFresh(current, app.open);
      const stopWatching = watchForFreeze(page, async () => {
        recorder.note('pageErrors', `The page stopped responding: a script kept running after the last action (an endless loop?); it did not answer for ${FREEZE_MS / 1000} s.`);
        recorder.flush();
        current.dirty = true;
        // Playwright's failure screenshot and page snapshot would each wait on the frozen renderer: close it.
        await closeWithin(page, 1_000);
      });
      try {
        await use(app);
      } finally {
        stopWatching();
      }
    } finally {
      // What could not be undone stays in the context: the next test gets a new one.
      await undoSetup?.().catch(() => {
        current.dirty = true;
      });
      await countHeldBack(current, recorder);
      recorder.flush();
      current.recorder = undefined;
      if (testInfo.status === 'timedOut') current.dirty = true;
      if (keepWorkerOnFailure && failedOnAppsAccount(testInfo, current)) testInfo.fail();
      if (ownContext) {
        appSession.current = undefined;
        await closeWithin(current.context, 2_000);
      }
    }
  },
});

export { expect };
