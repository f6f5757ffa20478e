import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// Runs one spec folder's Playwright tests against one artifact, by hand:
//   NDLI_SPEC=calculator NDLI_ARTIFACT=$PWD/calculator/reference/calculator.html \
//     NODE_OPTIONS=--conditions=@ndli/source pnpm exec playwright test -c playwright.config.ts
// ralph (`ndli test`) is the normal way; it writes its own config with the same settings.
const spec = process.env.NDLI_SPEC ?? 'calculator';
const systemChromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

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
