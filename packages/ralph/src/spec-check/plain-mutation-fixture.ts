// `@playwright/test` for a plain suite under a mutation check (the module map of its Playwright run): the judge's
// plain-suite `test`, with each test's slot armed on every context the test gets (mutation-slot.ts).
import { APP_ORIGIN } from '../app-fixture/judge-environment.js';
import { test as judged } from '../plain-suite/plain-suite-fixture.js';
import { armSlot, openSlot, recordSlot, type Slot } from './mutation-slot.js';

export * from '../plain-suite/index.js';

const isAppPage = (url: URL): boolean => url.origin === APP_ORIGIN;

export const test = judged.extend<{ mutationSlot: Slot }>({
  mutationSlot: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, testInfo) => {
      await use(openSlot(testInfo));
    },
    { auto: true },
  ],
  // Each context is made for this test and closed after it: nothing to undo.
  prepareContext: async ({ mutationSlot }, use, testInfo) => {
    await use(async (context) => {
      await armSlot(context, mutationSlot, isAppPage);
    });
    recordSlot(mutationSlot, testInfo);
  },
});

export default test;
