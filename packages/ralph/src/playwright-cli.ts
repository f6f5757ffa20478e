import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Playwright Test's command-line entry, which ralph runs in a child process of its own for each pass. */
export const PLAYWRIGHT_CLI = join(dirname(createRequire(import.meta.url).resolve('@playwright/test/package.json')), 'cli.js');
