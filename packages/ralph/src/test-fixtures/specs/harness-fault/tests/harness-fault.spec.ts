import { test, expect } from '@ndli/ralph/spec';

test.describe('harness', () => {
  // The error of the run that made issue 15: a second judge had emptied this one's artifacts folder.
  test.beforeEach(({ app }, testInfo) => {
    void app;
    if (testInfo.title.startsWith('a harness fault')) {
      throw new Error(`browserContext.close: ENOENT: no such file or directory, open '${testInfo.project.outputDir}/.playwright-artifacts-1/traces/0a1b-recording116.trace'`);
    }
  });

  test('the title shows Hello', async ({ app }) => {
    await expect(app.page.locator('#title')).toHaveText('Hello');
  });

  test('a harness fault in a fixture hook', async ({ app }) => {
    await expect(app.page.locator('#title')).toHaveText('Hello');
  });
});
