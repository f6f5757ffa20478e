import { test as base, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** Environment variable through which ralph tells the specs which artifact to judge. */
export const ARTIFACT_ENV = 'NDLI_ARTIFACT';
/** The app is served from this made-up origin so storage APIs behave as on a real site, with no real network. */
export const APP_ORIGIN = 'http://ndli.app.test';
/** Attachment through which each test reports what the app did (read by ralph from the JSON report). */
export const DIAGNOSTICS_ATTACHMENT = 'ndli-diagnostics';

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

/**
 * `app`: a fresh page showing the artifact under test. The app is untrusted generated code:
 * every request but the artifact itself is blocked, dialogs are dismissed, and console/page
 * errors are collected as evidence for FIX blockers.
 */
export const test = base.extend<{ app: AppUnderTest }>({
  app: async ({ page, context }, use, testInfo) => {
    const path = artifactPath();
    const html = readFileSync(path, 'utf8');
    const url = `${APP_ORIGIN}/${encodeURIComponent(basename(path))}`;
    const diagnostics: AppDiagnostics = { actions: [], consoleErrors: [], pageErrors: [], dialogs: [], blockedRequests: [] };

    await context.route('**/*', async (route) => {
      const requested = route.request().url();
      if (requested === url) {
        await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      } else {
        diagnostics.blockedRequests.push(requested);
        await route.abort('blockedbyclient');
      }
    });
    page.on('console', (message) => {
      if (message.type() === 'error') diagnostics.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => diagnostics.pageErrors.push(`${error.name}: ${error.message}`));
    page.on('dialog', (dialog) => {
      diagnostics.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      dialog.dismiss().catch(() => undefined);
    });

    const app: AppUnderTest = {
      page,
      url,
      diagnostics,
      record: (action) => diagnostics.actions.push(action),
      open: async () => {
        await page.goto(url, { waitUntil: 'load' });
      },
    };
    await app.open();
    try {
      await use(app);
    } finally {
      await testInfo.attach(DIAGNOSTICS_ATTACHMENT, {
        body: JSON.stringify(diagnostics),
        contentType: 'application/json',
      });
    }
  },
});

export { expect };
