import { test, expect } from '@ndli/ralph/spec';
import { KEYS, expectDisplay, press } from './calculator.js';

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

test.describe('Self-contained file', () => {
  test('the page makes no network requests and keys that do nothing raise no errors', async ({ app }) => {
    // = with nothing pending, Backspace right after an operator, on a result and on Error: each does nothing.
    await press(app, '= 5 = + Backspace 3 = Backspace');
    await expectDisplay(app, '8', '= with nothing pending and Backspace after an operator or on a result do nothing');
    await press(app, '1 / 0 = Backspace');
    await expectDisplay(app, 'Error', 'while Error is shown Backspace is ignored');
    expect(app.diagnostics.blockedRequests, 'The page must not request any URL: everything is inline (task: one self-contained file)').toEqual([]);
    expect(app.diagnostics.pageErrors, 'Keys that do nothing (= with nothing pending, Backspace on a result, after an operator or on Error) must raise no uncaught JavaScript errors').toEqual([]);
  });
});
