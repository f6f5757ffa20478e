import { describe, expect, it } from 'vitest';
import { BrowserNotFoundError } from './errors.js';
import { resolveBrowser } from './browser.js';

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
});
