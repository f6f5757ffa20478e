import { test, expect } from '@ndli/ralph/spec';

// Run with one worker: the tests then run in this order, each after one that left state behind.
test.describe('isolation', () => {
  for (const visit of [1, 2, 3]) {
    test(`visit ${visit} finds nothing an earlier test left`, async ({ app }) => {
      await expect(app.page.locator('#found')).toHaveText('nothing');
    });
  }

  test('a test on a fake clock', async ({ app }) => {
    await app.page.clock.install({ time: 0 });
    await app.open();
    expect(await app.page.evaluate(() => Date.now())).toBeLessThan(60_000);
  });

  test('the next test runs on the real clock', async ({ app }) => {
    expect(await app.page.evaluate(() => Date.now())).toBeGreaterThan(Date.UTC(2020, 0, 1));
    await expect(app.page.locator('#found')).toHaveText('nothing');
  });

  test.describe('a declared pristine context', () => {
    test.use({ pristineContext: true });
    test('finds nothing either', async ({ app }) => {
      await expect(app.page.locator('#found')).toHaveText('nothing');
    });
  });

  test.skip('a test skipped on purpose', async () => {
    // Never runs: a spec's own skip is left out of the verdict's total.
  });
});
