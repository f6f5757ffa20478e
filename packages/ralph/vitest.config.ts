import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@ndli/source'] },
  test: {
    // The JSON report feeds CI's one-line total (scripts/test-summary.mjs).
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
    // Playwright specs (*.spec.ts) are run by ralph, never by vitest; live tests need a real model server.
    include: ['src/**/*.test.ts'],
    exclude: ['**/*.live.test.ts', '**/node_modules/**'],
    testTimeout: 30_000,
    // Two files at a time: the browser-driving files spend much of their time waiting (expect timeouts, frozen
    // pages, process starts), so one file at a time left a 2-core machine ~40 % idle. Measured here: 192 s → 134 s,
    // the same CPU-seconds; the judge's own limits in these files are generous (judge.test.ts: 30 s per test).
    fileParallelism: true,
    maxWorkers: 2,
  },
});
