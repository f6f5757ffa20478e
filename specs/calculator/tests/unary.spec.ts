import { test } from '@ndli/ralph/spec';
import { expectDisplay, press } from './calculator.js';

const UNARY = 'unary keys act at once on the displayed value: sqrt is the square root, % divides by 100; the result is a computed result that replaces the current operand';
const NEG = 'neg toggles the sign; on an entry being typed typing goes on, on a computed result it gives a computed result; 0 stays 0';
const AFTER_OPERATOR = 'sqrt, % and neg right after an operator act on the displayed left operand, and their result becomes the right operand';

test.describe('Rule 7: sqrt and % act at once on the displayed value', () => {
  test('9 sqrt shows 3; 2 sqrt shows 1.41421356237', async ({ app }) => {
    await press(app, '9 sqrt');
    await expectDisplay(app, '3', UNARY);
    await press(app, '2 sqrt');
    await expectDisplay(app, '1.41421356237', `${UNARY}; values are shown with 12 significant digits`);
  });

  test('the sqrt result is the left operand of the next operator (9 sqrt + 1 = gives 4)', async ({ app }) => {
    await press(app, '9 sqrt + 1 =');
    await expectDisplay(app, '4', UNARY);
  });

  test('sqrt replaces the right operand (5 + 9 sqrt = gives 8)', async ({ app }) => {
    await press(app, '5 + 9 sqrt');
    await expectDisplay(app, '3', UNARY);
    await press(app, '=');
    await expectDisplay(app, '8', UNARY);
  });

  test('sqrt of a result and of a sqrt result (1 2 + 4 = sqrt shows 4, sqrt again shows 2)', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '12 + 4 = sqrt');
    await expectDisplay(app, '4', UNARY);
    await press(app, 'sqrt');
    await expectDisplay(app, '2', UNARY);
  });

  test('a digit after a sqrt result starts a new entry (9 sqrt 4 shows 4, + 1 = gives 5)', async ({ app }) => {
    await press(app, '9 sqrt 4');
    await expectDisplay(app, '4', `${UNARY}; after a computed result a digit starts a new entry`);
    await press(app, '+ 1 =');
    await expectDisplay(app, '5', UNARY);
  });

  test('% divides the displayed value by 100 (5 % shows 0.05)', async ({ app }) => {
    await press(app, '5 %');
    await expectDisplay(app, '0.05', UNARY);
  });

  test('% on the right operand divides it by 100, not a share of the left (5 0 + 1 0 % = gives 50.1)', async ({ app }) => {
    await press(app, '50 + 10 %');
    await expectDisplay(app, '0.1', UNARY);
    await press(app, '=');
    await expectDisplay(app, '50.1', UNARY);
  });
});

test.describe('Rule 7: neg toggles the sign', () => {
  test('neg on an entry toggles its sign and typing goes on (5 neg 3 shows -53)', async ({ app }) => {
    await press(app, '5 neg');
    await expectDisplay(app, '-5', NEG);
    await press(app, '3');
    await expectDisplay(app, '-53', NEG);
  });

  test('neg twice restores the sign (5 neg neg shows 5)', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '5 neg neg');
    await expectDisplay(app, '5', NEG);
  });

  test('neg on the right operand (5 + 3 neg = gives 2)', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '5 + 3 neg =');
    await expectDisplay(app, '2', NEG);
  });

  test('neg on a result gives a computed result (2 + 3 = neg shows -5, then 4 shows 4)', async ({ app }) => {
    await press(app, '2 + 3 = neg');
    await expectDisplay(app, '-5', NEG);
    await press(app, '4');
    await expectDisplay(app, '4', `${NEG}; after a computed result a digit starts a new entry`);
  });

  test('a negated result is the left operand of the next operator (2 + 3 = neg * 2 = gives -10)', async ({ app }) => {
    await press(app, '2 + 3 = neg * 2 =');
    await expectDisplay(app, '-10', NEG);
  });

  test('neg on the initial 0 leaves 0', async ({ app }) => {
    await press(app, 'neg');
    await expectDisplay(app, '0', NEG);
  });

  test('neg on an emptied entry leaves 0 and no minus for the next digit (5 Backspace neg shows 0, then 3 shows 3)', async ({ app }) => {
    // The emptied entry shows 0 and neg acts on the displayed value: a lone 0 stays 0.
    await press(app, '5 Backspace neg');
    await expectDisplay(app, '0', NEG);
    await press(app, '3');
    await expectDisplay(app, '3', `${NEG}; a lone 0 is replaced by the next digit`);
  });

  test('neg on 0. gives -0. shown as typed (0 . neg shows -0., 5 shows -0.5)', async ({ app }) => {
    await press(app, '0 . neg');
    await expectDisplay(app, '-0.', 'neg on 0. gives -0., shown as typed');
    await press(app, '5');
    await expectDisplay(app, '-0.5', 'neg on 0. gives -0., shown as typed');
  });
});

test.describe('Rule 7: sqrt, % and neg right after an operator', () => {
  test('sqrt acts on the left operand and becomes the right operand (9 + sqrt shows 3, = gives 12)', async ({ app }) => {
    await press(app, '9 + sqrt');
    await expectDisplay(app, '3', AFTER_OPERATOR);
    await press(app, '=');
    await expectDisplay(app, '12', AFTER_OPERATOR);
  });

  test('neg right after an operator (5 + neg shows -5, = gives 0)', async ({ app }) => {
    await press(app, '5 + neg');
    await expectDisplay(app, '-5', AFTER_OPERATOR);
    await press(app, '=');
    await expectDisplay(app, '0', AFTER_OPERATOR);
  });

  test('% right after an operator (5 0 + % shows 0.5, = gives 50.5)', async ({ app }) => {
    await press(app, '50 + %');
    await expectDisplay(app, '0.5', AFTER_OPERATOR);
    await press(app, '=');
    await expectDisplay(app, '50.5', AFTER_OPERATOR);
  });

  test('the unary result counts as an entered operand for the next operator (9 + sqrt * 2 = gives 24)', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '9 + sqrt *');
    await expectDisplay(app, '12', AFTER_OPERATOR);
    await press(app, '2 =');
    await expectDisplay(app, '24', AFTER_OPERATOR);
  });
});
