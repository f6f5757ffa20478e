import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@ndli/source'] },
  ssr: { resolve: { conditions: ['@ndli/source'] } },
  test: {
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
    include: ['src/**/*.test.ts'],
    exclude: ['**/*.live.test.ts', '**/node_modules/**'],
    // The UI bundle the server and the browser tests load is built once, before any test.
    globalSetup: ['./src/test-support/build-ui-once.ts'],
    testTimeout: 30_000,
    fileParallelism: false,
  },
});
