import { test } from '@ndli/ralph/spec';
import { expectDisplay, press, typeKeys } from './calculator.js';

const KEYBOARD = 'keydown on the page: digits and . + - * / act like their buttons; Enter and = are =, Escape is C, Delete is CE, Backspace is Backspace, ^ is pow, % is %';
const ONCE = 'each key press acts exactly once whatever element has focus: Enter after clicking a button means = only and must not also activate the focused button';

test.describe('Keyboard: keys act like their buttons', () => {
  test('digit keys 1 to 9 and 0 type digits', async ({ app }) => {
    await typeKeys(app, ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0']);
    await expectDisplay(app, '1234567890', KEYBOARD);
  });

  test('. + - * / and Enter: 1.5 * 4 / 2 - 1 + 0.5 Enter gives 2.5', async ({ app }) => {
    await typeKeys(app, ['1', '.', '5', '*', '4', '/']);
    await expectDisplay(app, '6', KEYBOARD);
    await typeKeys(app, ['2', '-', '1', '+', '0', '.', '5', 'Enter']);
    await expectDisplay(app, '2.5', KEYBOARD);
  });

  test('Enter is = and repeats (2 + 3 Enter shows 5, Enter again shows 8)', async ({ app }) => {
    await typeKeys(app, ['2', '+', '3', 'Enter']);
    await expectDisplay(app, '5', KEYBOARD);
    await typeKeys(app, ['Enter']);
    await expectDisplay(app, '8', KEYBOARD);
  });

  test('the = key is = (7 * 6 = shows 42)', { tag: '@held-out' }, async ({ app }) => {
    await typeKeys(app, ['7', '*', '6', '=']);
    await expectDisplay(app, '42', KEYBOARD);
  });

  test('Escape is C (2 + 3 Escape shows 0, 4 Enter shows 4)', async ({ app }) => {
    await typeKeys(app, ['2', '+', '3', 'Escape']);
    await expectDisplay(app, '0', KEYBOARD);
    await typeKeys(app, ['4', 'Enter']);
    await expectDisplay(app, '4', KEYBOARD);
  });

  test('Delete is CE (5 + 3 Delete shows 0, 4 Enter gives 9)', async ({ app }) => {
    await typeKeys(app, ['5', '+', '3', 'Delete']);
    await expectDisplay(app, '0', KEYBOARD);
    await typeKeys(app, ['4', 'Enter']);
    await expectDisplay(app, '9', KEYBOARD);
  });

  test('Backspace is Backspace (1 2 3 Backspace shows 12)', { tag: '@held-out' }, async ({ app }) => {
    await typeKeys(app, ['1', '2', '3', 'Backspace']);
    await expectDisplay(app, '12', KEYBOARD);
  });

  test('^ is pow (2 ^ 1 0 Enter shows 1024)', async ({ app }) => {
    await typeKeys(app, ['2', '^', '1', '0', 'Enter']);
    await expectDisplay(app, '1024', KEYBOARD);
  });

  test('% is % (5 0 + 1 0 % shows 0.1, Enter gives 50.1)', async ({ app }) => {
    await typeKeys(app, ['5', '0', '+', '1', '0', '%']);
    await expectDisplay(app, '0.1', KEYBOARD);
    await typeKeys(app, ['Enter']);
    await expectDisplay(app, '50.1', KEYBOARD);
  });

  test('mouse and keyboard mix in one calculation (click 1 2, keyboard +, click 3, keyboard Enter gives 15)', async ({ app }) => {
    await press(app, '12');
    await typeKeys(app, ['+']);
    await press(app, '3');
    await typeKeys(app, ['Enter']);
    await expectDisplay(app, '15', KEYBOARD);
  });
});

test.describe('Each key press acts exactly once, whatever has focus', () => {
  test('Enter after clicking a digit means = only (click 7, Enter shows 7, not 77)', async ({ app }) => {
    await press(app, '7');
    await typeKeys(app, ['Enter']);
    await expectDisplay(app, '7', ONCE);
    await press(app, '+ 1 =');
    await expectDisplay(app, '8', ONCE);
  });

  test('Enter after clicking the right operand shows the result (click 2 + 3, Enter shows 5)', async ({ app }) => {
    await press(app, '2 + 3');
    await typeKeys(app, ['Enter']);
    await expectDisplay(app, '5', ONCE);
  });

  test('Enter while an operator button has focus does not press it (click 2 +, keyboard 3 Enter Enter shows 8)', async ({ app }) => {
    await press(app, '2 +');
    await typeKeys(app, ['3', 'Enter']);
    await expectDisplay(app, '5', ONCE);
    await typeKeys(app, ['Enter']);
    await expectDisplay(app, '8', ONCE);
  });

  test('Enter after clicking = repeats once (click 2 + 3 =, Enter shows 8)', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '2 + 3 =');
    await expectDisplay(app, '5', ONCE);
    await typeKeys(app, ['Enter']);
    await expectDisplay(app, '8', ONCE);
  });
});
