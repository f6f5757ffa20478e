import { describe, expect, it } from 'vitest';
import { BrowserNotFoundError } from './errors.js';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { playwrightHeadlessShell, resolveBrowser, SYSTEM_CHROMIUM_PATHS } from './browser.js';

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
  function cache(layout: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'ndli-playwright-cache-'));
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
