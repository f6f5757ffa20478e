import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, type APIRequestContext, type Browser, type BrowserContext, type TestInfo } from 'playwright/test';
import { closeWithin } from '../app-fixture/app-context.js';
import { DiagnosticsRecorder } from '../app-fixture/diagnostics-recorder.js';
import { ARTIFACT_ENV, DIAGNOSTICS_ATTACHMENT, NEVER_REACHED_APP_ATTACHMENT, REQUEST_FIXTURE_REFUSED, RUN_DIRECTORY_ENV } from '../app-fixture/judge-environment.js';
import { installOwnFramesMapping } from '../app-fixture/own-frames-mapping.js';
import { FREEZE_MS, watchForFreeze } from '../app-fixture/page-freeze.js';
import { sandboxContext, type TestSandbox } from './sandbox-context.js';

/** Harness work on each context a test gets, after the sandbox (the mutation check's switch). */
export type PrepareContext = (context: BrowserContext) => Promise<void>;

export interface PlainSuiteOptions {
  prepareContext: PrepareContext | undefined;
}

export interface PlainSuiteWorkerOptions {
  /** As the `app` fixture's: a failure on the app's account does not cost the worker (ralph sets it). */
  keepWorkerOnFailure: boolean;
  /** As the `app` fixture's: only the suite's own stack frames go through source maps. */
  mapOnlyOwnStackFrames: boolean;
}

export interface WorkerSandbox {
  /** The sandbox of the test now running (undefined between tests). */
  current: TestSandbox | undefined;
  html: string;
}

function artifactHtml(): string {
  const path = process.env[ARTIFACT_ENV];
  if (!path) throw new Error(`${ARTIFACT_ENV} is not set: run spec folders through NDLI (\`ndli test <spec folder> <artifact>\`).`);
  return readFileSync(path, 'utf8');
}

/**
 * Every context of the worker's browser is sandboxed as it is made: Playwright's own `context` fixture makes its
 * contexts through `browser.newContext` (and `browser.newPage` through it), so a context a test makes itself is
 * covered too and no page of the suite can reach the network.
 */
function sandboxEveryContext(browser: Browser, worker: WorkerSandbox): void {
  const newContext = browser.newContext.bind(browser);
  const sandboxed = async (...args: Parameters<Browser['newContext']>): Promise<BrowserContext> => {
    const context = await newContext(...args);
    await sandboxContext(context, worker.current ?? { html: worker.html, recorder: undefined, documentsServed: 0, prepareContext: undefined });
    return context;
  };
  Reflect.set(browser, 'newContext', sandboxed);
}

function failedOnAppsAccount(testInfo: TestInfo, browser: Browser): boolean {
  return testInfo.status === 'failed' && testInfo.expectedStatus === 'passed' && browser.isConnected();
}

/**
 * What a plain `@playwright/test` suite's `test` is when NDLI judges it (see plain-suite/index.ts for how the import
 * is redirected here). The suite keeps Playwright's own fixtures and isolation — a new context per test, so every
 * store starts empty — and its `baseURL` is the app (config: PLAIN_SUITE_BASE_URL). Added, automatically:
 * the sandbox on every context, the evidence file per test, the watch for a frozen page, and the mark of a test that
 * never reached the app (its failure is the test's, not the app's).
 */
export const test = base.extend<PlainSuiteOptions & { plainSuiteEvidence: TestSandbox }, PlainSuiteWorkerOptions & { plainSuiteSandbox: WorkerSandbox }>({
  prepareContext: [undefined, { option: true }],
  keepWorkerOnFailure: [false, { option: true, scope: 'worker' }],
  mapOnlyOwnStackFrames: [false, { option: true, scope: 'worker' }],
  plainSuiteSandbox: [
    async ({ browser, mapOnlyOwnStackFrames }, use) => {
      if (mapOnlyOwnStackFrames) installOwnFramesMapping();
      const worker: WorkerSandbox = { current: undefined, html: artifactHtml() };
      sandboxEveryContext(browser, worker);
      await use(worker);
    },
    { scope: 'worker', auto: true, title: 'NDLI sandbox' },
  ],
  plainSuiteEvidence: [
    async ({ plainSuiteSandbox, prepareContext, browser, keepWorkerOnFailure }, use, testInfo) => {
      // Named by test id, as the `app` fixture's: titles that differ only in punctuation share an output folder.
      const recorder = new DiagnosticsRecorder(join(process.env[RUN_DIRECTORY_ENV] ?? testInfo.project.outputDir, 'diagnostics', `${testInfo.testId}.json`));
      testInfo.attachments.push({ name: DIAGNOSTICS_ATTACHMENT, contentType: 'application/json', path: recorder.file });
      const sandbox: TestSandbox = { html: plainSuiteSandbox.html, recorder, documentsServed: 0, prepareContext };
      plainSuiteSandbox.current = sandbox;
      try {
        await use(sandbox);
      } finally {
        plainSuiteSandbox.current = undefined;
        recorder.flush();
        const failed = testInfo.status !== 'passed' && testInfo.status !== 'skipped';
        if (failed && sandbox.documentsServed === 0) {
          testInfo.attachments.push({
            name: NEVER_REACHED_APP_ATTACHMENT,
            contentType: 'text/plain',
            body: Buffer.from('The test failed before any page of the app was loaded (a fixture, a hook, or a navigation away from the app).'),
          });
        }
        if (keepWorkerOnFailure && failedOnAppsAccount(testInfo, browser)) testInfo.fail();
      }
    },
    { auto: true, title: 'NDLI evidence' },
  ],
  page: async ({ page, plainSuiteEvidence }, use) => {
    const stopWatching = watchForFreeze(page, async () => {
      plainSuiteEvidence.recorder?.note('pageErrors', `The page stopped responding: a script kept running after the last action (an endless loop?); it did not answer for ${FREEZE_MS / 1000} s.`);
      plainSuiteEvidence.recorder?.flush();
      // Playwright's failure screenshot and page snapshot would each wait on the frozen renderer: close it.
      await closeWithin(page, 1_000);
    });
    try {
      await use(page);
    } finally {
      stopWatching();
    }
  },
  // Playwright's API client talks to real servers; the app under test has none and the judge allows no network.
  // eslint-disable-next-line no-empty-pattern
  request: async ({}, use) => {
    await use(
      new Proxy({} as APIRequestContext, {
        get() {
          throw new Error(REQUEST_FIXTURE_REFUSED);
        },
      }),
    );
  },
});

export { expect } from 'playwright/test';
