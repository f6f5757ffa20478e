// `@ndli/ralph/spec` under a mutation check (the `ndli-mutation` export condition, and the module map of its
// Playwright run): the judge's `app` fixture, with each test's slot armed on the app's page before it opens
// (mutation-slot.ts). Spec files import `@ndli/ralph/spec` as usual.
import { test as judged } from '../app-fixture/app-fixture.js';
import { armSlot, openSlot, recordSlot, type Slot } from './mutation-slot.js';

// Everything `@ndli/ralph/spec` exports, so a spec that imports more than `test` loads here too; this module's own
// `test` takes the place of the judge's (a local export wins over `export *`).
export * from '../app-fixture/index.js';

export const test = judged.extend<{ mutationSlot: Slot }>({
  // Auto, and needing no other fixture: a slot with nothing to run skips before any browser context is made.
  mutationSlot: [
    // Playwright reads a fixture's dependencies from its first parameter's destructuring: `{}` = none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, testInfo) => {
      await use(openSlot(testInfo));
    },
    { auto: true },
  ],
  // Armed on the (reused) page before the app opens, undone after the test so the next test's slot starts clean.
  beforeAppOpen: async ({ mutationSlot }, use, testInfo) => {
    await use((page, { url }) => armSlot(page, mutationSlot, url));
    recordSlot(mutationSlot, testInfo);
  },
});
