import { test, expect } from '@ndli/ralph/spec';
import { click } from './helpers.js';

test.describe('display', () => {
  test('the count starts at 0', async ({ app }) => {
    await expect(app.page.locator('#count')).toHaveText('0');
  });
});

test.describe('increment', () => {
  test('one click on #increment shows 1', async ({ app }) => {
    await click(app, '#increment');
    await expect(app.page.locator('#count')).toHaveText('1');
  });

  test('three clicks on #increment show 3', async ({ app }) => {
    await click(app, '#increment', 3);
    await expect(app.page.locator('#count')).toHaveText('3');
  });
});

test.describe('reset', () => {
  test('#reset after two clicks shows 0', async ({ app }) => {
    await click(app, '#increment', 2);
    await click(app, '#reset');
    await expect(app.page.locator('#count')).toHaveText('0');
  });
});

test.describe('persistence', () => {
  test('the count survives a reload', async ({ app }) => {
    await click(app, '#increment', 2);
    app.record('reload the page');
    await app.open();
    await expect(app.page.locator('#count')).toHaveText('2');
  });
});
