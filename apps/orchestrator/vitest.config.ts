import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Vite applies resolve.conditions to browser code only; tests run on the server side.
  resolve: { conditions: ['@ndli/source'] },
  ssr: { resolve: { conditions: ['@ndli/source'] } },
  test: {
    // The JSON report feeds CI's one-line total (scripts/test-summary.mjs).
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
    // Playwright specs (*.spec.ts) are run by ralph, never by vitest; live tests need a real model server.
    include: ['src/**/*.test.ts'],
    exclude: ['**/*.live.test.ts', '**/node_modules/**'],
    testTimeout: 30_000,
    // Browser-driving test files would fight over 2 cores (and their timeouts): one file at a time.
    fileParallelism: false,
  },
});
