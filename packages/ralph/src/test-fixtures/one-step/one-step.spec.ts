import { test, expect } from '@ndli/ralph/spec';

// Run by one-step.test.ts against the counter fixture's reference, untraced and traced.

test('three clicks performed as one action', async ({ app }) => {
  await app.perform('click #increment three times', async () => {
    for (let click = 0; click < 3; click += 1) await app.page.locator('#increment').click();
  });
  await expect(app.page.locator('#count')).toHaveText('3');
});

test('a call failing inside an action', async ({ app }) => {
  await app.perform('run a script that throws', async () => {
    await app.page.evaluate(() => {
      throw new Error('the app broke');
    });
  });
});
