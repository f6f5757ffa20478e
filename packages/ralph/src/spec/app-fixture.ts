import { test as base, expect, type ConsoleMessage, type Dialog, type Page } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Environment variable through which ralph tells the specs which artifact to judge. */
export const ARTIFACT_ENV = 'NDLI_ARTIFACT';
/** Directory ralph gives a run for notes shared between workers (the app-hangs-at-load marker). Optional. */
export const RUN_DIRECTORY_ENV = 'NDLI_RUN_DIRECTORY';
/** The app is served from this made-up origin so storage APIs behave as on a real site, with no real network. */
export const APP_ORIGIN = 'http://ndli.app.test';
/** Attachment through which each test reports what the app did (read by ralph from the JSON report). */
export const DIAGNOSTICS_ATTACHMENT = 'ndli-diagnostics';
/** File (in the run directory) written when the app never finishes loading, so later tests fail at once. */
export const LOAD_HANG_MARKER = 'app-hangs-at-load.txt';

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

/** True when the page's main thread answers within `ms` (a script stuck in a loop never does). */
async function answers(page: Page, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([page.evaluate(() => true).catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long the page may leave a check unanswered before it counts as frozen. */
const FREEZE_MS = 2_000;

/**
 * Calls `onFreeze` once if the page stops answering (its main thread stuck in a script). A frozen app would
 * otherwise hold the test until its timeout, then hold Playwright's screenshot and snapshot of the failure.
 * Returns a function that stops watching.
 */
function watchForFreeze(page: Page, onFreeze: () => Promise<void>): () => void {
  let stopped = false;
  let checking = false;
  const timer = setInterval(() => {
    if (stopped || checking || page.isClosed()) return;
    checking = true;
    void answers(page, FREEZE_MS).then(async (alive) => {
      checking = false;
      if (alive || stopped || page.isClosed()) return;
      stopped = true;
      clearInterval(timer);
      await onFreeze();
    });
  }, 1_000);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

async function closeWithin(page: Page, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    page.close({ runBeforeUnload: false }).catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

/**
 * `app`: a fresh page, in a fresh browser context (Playwright's default: nothing a test stores survives
 * it), showing the artifact under test. The app is untrusted generated code: every request but the
 * artifact itself is blocked, dialogs are dismissed, and console/page errors are collected as evidence
 * for FIX blockers.
 */
export const test = base.extend<{ app: AppUnderTest }>({
  app: async ({ page, context }, use, testInfo) => {
    const path = artifactPath();
    const html = readFileSync(path, 'utf8');
    const url = `${APP_ORIGIN}/${encodeURIComponent(basename(path))}`;
    const diagnostics: AppDiagnostics = { actions: [], consoleErrors: [], pageErrors: [], dialogs: [], blockedRequests: [] };
    const marker = hangMarkerPath();
    // The evidence is a file attached from the start and rewritten on every change, not an attachment made at the
    // end: when the app freezes, Playwright's failure screenshot waits out the test's time on the stuck page and a
    // teardown attachment would never be written, losing exactly the actions that froze it. It is named by test id:
    // Playwright's per-test output folders collide for titles that differ only in punctuation (`1 / 0 = *` and
    // `1 / 0 = /`), and a starting test empties its folder.
    const diagnosticsFile = join(process.env[RUN_DIRECTORY_ENV] ?? testInfo.project.outputDir, 'diagnostics', `${testInfo.testId}.json`);
    mkdirSync(dirname(diagnosticsFile), { recursive: true });
    const save = (): void => writeFileSync(diagnosticsFile, JSON.stringify(diagnostics));
    const note = (list: string[], entry: string): void => {
      list.push(entry);
      save();
    };
    save();
    testInfo.attachments.push({ name: DIAGNOSTICS_ATTACHMENT, contentType: 'application/json', path: diagnosticsFile });

    if (marker && existsSync(marker)) {
      // An earlier test saw the app hang at load; loading it again would only burn the navigation timeout.
      note(diagnostics.pageErrors, readFileSync(marker, 'utf8'));
      throw new Error(`The app never finished loading: ${readFileSync(marker, 'utf8')}`);
    }
    await context.route('**/*', async (route) => {
      const requested = route.request().url();
      if (requested === url) {
        await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      } else {
        note(diagnostics.blockedRequests, requested);
        await route.abort('blockedbyclient');
      }
    });
    const onConsole = (message: ConsoleMessage): void => {
      if (message.type() === 'error') note(diagnostics.consoleErrors, message.text());
    };
    const onPageError = (error: Error): void => {
      note(diagnostics.pageErrors, `${error.name}: ${error.message}`);
    };
    const onCrash = (): void => {
      note(diagnostics.pageErrors, 'The page crashed (renderer process died).');
    };
    const onDialog = (dialog: Dialog): void => {
      note(diagnostics.dialogs, `${dialog.type()}: ${dialog.message()}`);
      dialog.dismiss().catch(() => undefined);
    };
    page.on('console', onConsole);
    page.on('pageerror', onPageError);
    page.on('crash', onCrash);
    page.on('dialog', onDialog);

    const app: AppUnderTest = {
      page,
      url,
      diagnostics,
      record: (action) => note(diagnostics.actions, action),
      open: async () => {
        try {
          await page.goto(url, { waitUntil: 'load' });
        } catch (error) {
          const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
          if (/Timeout/i.test(reason ?? '') && !(await answers(page, 500))) {
            const description = `the page did not finish loading and stopped responding (a script at load runs forever?): ${reason}`;
            if (marker) writeFileSync(marker, description);
            // Screenshots, traces and page snapshots would each wait on the stuck renderer: close it now.
            await closeWithin(page, 1_000);
            throw new Error(`The app never finished loading: ${description}`, { cause: error });
          }
          throw error;
        }
      },
    };
    await app.open();
    const stopWatching = watchForFreeze(page, async () => {
      note(diagnostics.pageErrors, `The page stopped responding: a script kept running after the last action (an endless loop?); it did not answer for ${FREEZE_MS / 1000} s.`);
      // Playwright's failure screenshot and page snapshot would each wait on the frozen renderer: close it.
      await closeWithin(page, 1_000);
    });
    try {
      await use(app);
    } finally {
      stopWatching();
    }
  },
});

export { expect };
