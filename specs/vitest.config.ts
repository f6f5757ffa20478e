import { defineConfig } from 'vitest/config';

// Checks every spec folder (reference passes, each seeded bug is caught) by judging them with ralph.
// Playwright never collects this file: it only looks for *.spec.ts inside each spec's tests/.
export default defineConfig({
  // Load @ndli/ralph from source, in Vite's resolver and in Node's for externalised modules.
  resolve: { conditions: ['@ndli/source'] },
  ssr: { resolve: { conditions: ['@ndli/source'], externalConditions: ['@ndli/source'] } },
  test: {
    include: ['spec-folders.test.ts'],
    // The JSON report feeds CI's one-line total (scripts/test-summary.mjs).
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
    // One spec check runs the reference, variants, seeded bugs and sampled mutants: minutes on a loaded 2-core machine.
    testTimeout: 1_200_000,
    // Two spec checks at a time (spec-folders.test.ts); inside each, Playwright runs 2 workers.
    maxConcurrency: 2,
    hookTimeout: 60_000,
  },
});
