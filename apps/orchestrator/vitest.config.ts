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
    // Two files at a time (one per core of a small machine): the end-to-end files wait on model servers, kills and
    // browsers, and one at a time left CPU idle. Verdicts stay sound under that load: a test that times out only
    // because the machine is busy passes its re-run and counts as passed (flaky), never as the app's failure.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
