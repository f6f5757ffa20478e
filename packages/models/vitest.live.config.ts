import { defineConfig } from 'vitest/config';

// Real-model tests only (`pnpm --filter @ndli/models test:live`); each skips itself unless its environment variables are set.
export default defineConfig({
  resolve: { conditions: ['@ndli/source'] },
  test: {
    include: ['src/**/*.live.test.ts'],
    testTimeout: 10 * 60 * 1000,
    fileParallelism: false,
  },
});
