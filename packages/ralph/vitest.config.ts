import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@ndli/source'] },
  test: {
    // Playwright specs (*.spec.ts) are run by ralph, never by vitest; live tests need a real model server.
    include: ['src/**/*.test.ts'],
    exclude: ['**/*.live.test.ts', '**/node_modules/**'],
    testTimeout: 30_000,
  },
});
