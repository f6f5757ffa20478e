import { afterEach, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { BrowserNotFoundError } from './errors.js';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, JUDGE_DISABLED_FEATURES, PLAYWRIGHT_DISABLED_FEATURES, playwrightHeadlessShell, resolveBrowser, SYSTEM_CHROMIUM_PATHS } from './browser.js';

describe('resolveBrowser', () => {
  it('uses an explicit executable (option or CHROMIUM_PATH) as "config"', () => {
    expect(resolveBrowser({ executablePath: process.execPath }, {})).toEqual({ executablePath: process.execPath, source: 'config' });
    expect(resolveBrowser({}, { CHROMIUM_PATH: process.execPath })).toEqual({ executablePath: process.execPath, source: 'config' });
  });

  it('rejects an explicit path that does not exist, saying how to get a browser', () => {
    expect(() => resolveBrowser({ executablePath: '/nowhere/chromium' }, {})).toThrow(BrowserNotFoundError);
    expect(() => resolveBrowser({ executablePath: '/nowhere/chromium' }, {})).toThrow(expect.objectContaining({ hint: expect.stringContaining('pnpm exec playwright install chromium') }));
  });

  it('finds Playwright\'s or the system\'s Chromium otherwise', () => {
    const choice = resolveBrowser({}, {});
    expect(['playwright', 'system']).toContain(choice.source);
  });

  it('prefers a headless shell among system browsers', () => {
    expect(SYSTEM_CHROMIUM_PATHS[0]).toBe('/usr/bin/chromium-headless-shell');
  });
});

describe('playwrightHeadlessShell', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  function cache(layout: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'ndli-playwright-cache-'));
    roots.push(root);
    for (const [path, content] of Object.entries(layout)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    return root;
  }

  it("finds the shell Playwright installs beside its Chromium (same revision)", () => {
    const root = cache({
      'chromium-1255/chrome-linux64/chrome': '',
      'chromium_headless_shell-1255/chrome-headless-shell-linux64/chrome-headless-shell': '',
      'chromium_headless_shell-1100/chrome-headless-shell-linux64/chrome-headless-shell': '',
    });
    expect(playwrightHeadlessShell(join(root, 'chromium-1255/chrome-linux64/chrome'))).toBe(
      join(root, 'chromium_headless_shell-1255/chrome-headless-shell-linux64/chrome-headless-shell'),
    );
  });

  it('knows the older shell layout and returns nothing when only Chromium is installed', () => {
    const older = cache({ 'chromium-1140/chrome-linux/chrome': '', 'chromium_headless_shell-1140/chrome-linux/headless_shell': '' });
    expect(playwrightHeadlessShell(join(older, 'chromium-1140/chrome-linux/chrome'))).toBe(join(older, 'chromium_headless_shell-1140/chrome-linux/headless_shell'));
    const chromiumOnly = cache({ 'chromium-1255/chrome-linux64/chrome': '' });
    expect(playwrightHeadlessShell(join(chromiumOnly, 'chromium-1255/chrome-linux64/chrome'))).toBeUndefined();
    expect(playwrightHeadlessShell('/usr/bin/chromium')).toBeUndefined();
  });
});

describe('CHROMIUM_ARGS', () => {
  /** The value of every `--disable-features` on the command line of a Chromium that Playwright launched. */
  async function disabledFeatureSwitches(args: readonly string[]): Promise<string[][]> {
    const server = await chromium.launchServer({ executablePath: resolveBrowser().executablePath, args: [...args] });
    try {
      const pid = server.process().pid;
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return commandLine.filter((arg) => arg.startsWith('--disable-features=')).map((arg) => arg.slice('--disable-features='.length).split(','));
    } finally {
      await server.close();
    }
  }

  // Reads the browser's command line from /proc (Linux, as in CI).
  it.runIf(existsSync('/proc/self/cmdline'))("keeps every feature Playwright turns off, since Chromium honours only the last --disable-features", { timeout: 30_000 }, async () => {
    const [playwrights, ...rest] = await disabledFeatureSwitches([]);
    expect(rest).toEqual([]);
    // After a Playwright upgrade that changes its list, update PLAYWRIGHT_DISABLED_FEATURES in browser.ts.
    expect([...PLAYWRIGHT_DISABLED_FEATURES].sort()).toEqual([...(playwrights ?? [])].sort());

    const switches = await disabledFeatureSwitches(CHROMIUM_ARGS);
    expect(switches.at(-1)).toEqual([...JUDGE_DISABLED_FEATURES]);
    expect(switches.at(-1)).toEqual(expect.arrayContaining([...(playwrights ?? []), 'RenderDocument']));
  });
});
