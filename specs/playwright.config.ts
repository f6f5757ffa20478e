import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// Runs one spec folder's Playwright tests against one artifact, by hand:
//   NDLI_SPEC=calculator NDLI_ARTIFACT=$PWD/calculator/reference/calculator.html \
//     NODE_OPTIONS=--conditions=@ndli/source pnpm exec playwright test -c playwright.config.ts
// ralph (`ndli test`) is the normal way; it writes its own config with the same settings.
const spec = process.env.NDLI_SPEC ?? 'calculator';
// CHROMIUM_PATH, else a system headless shell or Chromium, else Playwright's own (executablePath undefined).
const systemChromium = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((path) => existsSync(path));

export default defineConfig({
  testDir: `./${spec}/tests`,
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  timeout: 5_000,
  expect: { timeout: 1_000 },
  reporter: 'list',
  use: {
    actionTimeout: 2_000,
    navigationTimeout: 3_000,
    launchOptions: {
      executablePath: systemChromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
});
