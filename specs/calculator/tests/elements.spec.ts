import { test, expect } from '@ndli/ralph/spec';
import { KEYS, expectDisplay } from './calculator.js';

test.describe('Elements: #display and one button per key', () => {
  test('the display shows 0 when the page opens', async ({ app }) => {
    await expectDisplay(app, '0', 'the display starts at 0');
  });

  test('there is exactly one button[data-key="K"] for every key of the contract', async ({ app }) => {
    for (const key of KEYS) {
      await expect(
        app.page.locator(`button[data-key="${key}"]`),
        `the page needs exactly one <button data-key="${key}"> (one button per key: 0-9 . + - * / = C CE Backspace sqrt pow % neg)`,
      ).toHaveCount(1);
    }
  });
});
