import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { z } from 'zod';
import { BrowserNotFoundError } from './errors.js';

/** Environment variable naming a Chromium executable. */
export const CHROMIUM_PATH_ENV = 'CHROMIUM_PATH';
export const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'] as const;

/**
 * Flags for a headless Chromium judging untrusted pages in a container: no sandbox (containers lack the
 * namespaces), no GPU, and nothing that talks to the network or updates itself behind the judge's back.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
] as const;

export const BrowserChoiceSchema = z.object({
  /** undefined = Playwright's own bundled Chromium (launched without an explicit path). */
  executablePath: z.string(),
  source: z.enum(['playwright', 'system', 'config']),
});
export type BrowserChoice = z.infer<typeof BrowserChoiceSchema>;

export interface BrowserOptions {
  /** A Chromium executable; wins over everything else. */
  executablePath?: string;
}

function playwrightChromium(): string | undefined {
  try {
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Picks the browser: an explicit path or `CHROMIUM_PATH` (config), Playwright's own Chromium if installed, else the system's. */
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
