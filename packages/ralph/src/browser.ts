import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
// playwright-core, not @playwright/test: the latter loads the whole test runner (~0.5 s) into ralph's process.
import { chromium } from 'playwright-core';
import { z } from 'zod';
import { BrowserNotFoundError } from './errors.js';

/** Environment variable naming a Chromium executable. */
export const CHROMIUM_PATH_ENV = 'CHROMIUM_PATH';
/**
 * System browsers, best first. Debian's `chromium-headless-shell` is the same engine without the desktop
 * browser around it: it starts a context and loads a page about twice as fast as full `chromium --headless`,
 * which is most of a spec run's time.
 */
export const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser'] as const;

/**
 * The features Playwright 1.65 turns off in every Chromium it launches (its `chromiumSwitches`). Chromium keeps only
 * the last `--disable-features` of a command line, and Playwright puts launch arguments after its own: a list of the
 * judge's would silently turn these back on, so the judge's list repeats them. browser.test.ts launches Chromium
 * through Playwright and fails when Playwright's list holds a name this one lacks (after an upgrade).
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
] as const;

/**
 * Features the judge turns off on top of Playwright's. `RenderDocument` makes Chromium build a new frame in the
 * renderer for every navigation; without it a navigation within the site reuses the tab's frame, as Chromium did
 * before (and as Playwright launched it until mid-2026). The judge loads the app once per test, and this halves the
 * renderer's work per load: about 66 → 45 ms of CPU for the calculator, measured here. The page still gets a new
 * document, window and scripts each time; what it stored stays at its own origin (spec/fresh-load.ts).
 */
export const JUDGE_DISABLED_FEATURES = [...PLAYWRIGHT_DISABLED_FEATURES, 'RenderDocument'] as const;

/** Flags every Chromium of Playwright's gets, apart from the judge's (the judge's previous behaviour used these). */
export const BASE_CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
] as const;

/**
 * Flags for a headless Chromium judging untrusted pages: no GPU, nothing that talks to the network or updates itself
 * behind the judge's back, and the judge's features off (JUDGE_DISABLED_FEATURES). The OS sandbox is decided apart
 * (sandbox.ts): on wherever Chromium can start it.
 */
export const CHROMIUM_ARGS = [...BASE_CHROMIUM_ARGS, `--disable-features=${JUDGE_DISABLED_FEATURES.join(',')}`] as const;

export const BrowserChoiceSchema = z.object({
  executablePath: z.string(),
  source: z.enum(['playwright', 'system', 'config']),
});
export type BrowserChoice = z.infer<typeof BrowserChoiceSchema>;

export interface BrowserOptions {
  /** A Chromium executable; wins over everything else. */
  executablePath?: string;
}

const HEADLESS_SHELL_NAMES = new Set(['chrome-headless-shell', 'chrome-headless-shell.exe', 'headless_shell', 'headless_shell.exe']);

/**
 * Playwright installs its headless shell beside its Chromium (`<cache>/chromium-<rev>/…` and
 * `<cache>/chromium_headless_shell-<rev>/<platform folder>/chrome-headless-shell`); find it from the
 * Chromium path Playwright reports, so no private Playwright API is needed.
 */
export function playwrightHeadlessShell(chromiumPath: string): string | undefined {
  const revisionFolder = [dirname(chromiumPath), dirname(dirname(chromiumPath))].find((folder) => /^chromium-\d+$/.test(basename(folder)));
  if (!revisionFolder) return undefined;
  const shellFolder = join(dirname(revisionFolder), basename(revisionFolder).replace('chromium-', 'chromium_headless_shell-'));
  if (!existsSync(shellFolder)) return undefined;
  for (const platformFolder of readdirSync(shellFolder, { withFileTypes: true })) {
    if (!platformFolder.isDirectory()) continue;
    const found = readdirSync(join(shellFolder, platformFolder.name)).find((name) => HEADLESS_SHELL_NAMES.has(name));
    if (found) return join(shellFolder, platformFolder.name, found);
  }
  return undefined;
}

/** Playwright's own browser, headless shell first (what Playwright itself runs headless tests with). */
function playwrightChromium(): string | undefined {
  try {
    const path = chromium.executablePath();
    if (!path || !existsSync(path)) return undefined;
    return playwrightHeadlessShell(path) ?? path;
  } catch {
    return undefined;
  }
}

/**
 * Picks the browser: an explicit path or `CHROMIUM_PATH` (config), Playwright's own if installed (its headless
 * shell, else its Chromium), else the system's (headless shell first).
 */
export function resolveBrowser(options: BrowserOptions = {}, environment: NodeJS.ProcessEnv = process.env): BrowserChoice {
  const explicit = options.executablePath ?? environment[CHROMIUM_PATH_ENV];
  if (explicit) {
    if (!existsSync(explicit)) throw new BrowserNotFoundError([explicit]);
    return { executablePath: explicit, source: 'config' };
  }
  const bundled = playwrightChromium();
  if (bundled) return { executablePath: bundled, source: 'playwright' };
  const system = SYSTEM_CHROMIUM_PATHS.find((path) => existsSync(path));
  if (system) return { executablePath: system, source: 'system' };
  throw new BrowserNotFoundError(['Playwright Chromium (`pnpm exec playwright install chromium`)', ...SYSTEM_CHROMIUM_PATHS, `$${CHROMIUM_PATH_ENV}`]);
}
