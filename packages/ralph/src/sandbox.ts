import type { z } from 'zod';
import type { SandboxSchema } from './verdict.js';

export type Sandbox = z.infer<typeof SandboxSchema>;

const known = new Map<string, Promise<Sandbox>>();

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

async function tryWithSandbox(executablePath: string): Promise<Sandbox> {
  try {
    // Loaded only for the trial launch (never as root): Playwright's client costs ~0.4 s to load.
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath, chromiumSandbox: true, timeout: 15_000, args: ['--disable-gpu'] });
    await browser.close();
    return { osSandbox: true, reason: "Chromium's OS sandbox started" };
  } catch (error) {
    const headline = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    return { osSandbox: false, reason: `Chromium could not start with its OS sandbox here (${headline.slice(0, 160)}): --no-sandbox` };
  }
}

/**
 * Whether the judge's Chromium runs with its OS sandbox. Chromium refuses it as root, and some containers lack the
 * namespaces it needs; everywhere else it is on. Decided by knowing (root) or by one trial launch, once per
 * executable and process.
 */
export function resolveSandbox(executablePath: string, root = isRoot()): Promise<Sandbox> {
  if (root) return Promise.resolve({ osSandbox: false, reason: 'running as root, where Chromium cannot start its OS sandbox: --no-sandbox' });
  let found = known.get(executablePath);
  if (!found) {
    found = tryWithSandbox(executablePath);
    known.set(executablePath, found);
  }
  return found;
}
