import { test } from '@ndli/ralph/spec';
import { expectDisplay, press } from './calculator.js';

const FORMAT = 'every computed value is displayed as String(Number(value.toPrecision(12))), and -0 as 0';
const AS_TYPED = 'the entry being typed is shown exactly as typed until it is used; values are formatted only when computed';
const PRECISION = 'values keep full double precision internally; only the display is rounded';

test.describe('Rule 9: computed values show 12 significant digits', () => {
  test('0.1 + 0.2 = shows 0.3', async ({ app }) => {
    await press(app, '0.1 + 0.2 =');
    await expectDisplay(app, '0.3', FORMAT);
  });

  test('1 / 3 = shows 0.333333333333', async ({ app }) => {
    await press(app, '1 / 3 =');
    await expectDisplay(app, '0.333333333333', FORMAT);
  });

  test('2 / 3 = shows 0.666666666667', async ({ app }) => {
    await press(app, '2 / 3 =');
    await expectDisplay(app, '0.666666666667', FORMAT);
  });

  test('intermediate results are formatted too (0.1 * 3 + shows 0.3)', async ({ app }) => {
    await press(app, '0.1 * 3 +');
    await expectDisplay(app, '0.3', FORMAT);
  });

  test('a result of 1e21 shows 1e+21 (1 0 pow 2 1 =)', async ({ app }) => {
    await press(app, '10 pow 21 =');
    await expectDisplay(app, '1e+21', FORMAT);
  });

  test('a tiny result shows as String(Number) does (1 / 8 0 0 0 0 0 0 = shows 1.25e-7)', async ({ app }) => {
    await press(app, '1 / 8000000 =');
    await expectDisplay(app, '1.25e-7', FORMAT);
  });

  test('a computed 15-digit value is rounded to 12 significant digits (123456789012345 + 0 = shows 123456789012000)', async ({ app }) => {
    await press(app, '123456789012345 + 0 =');
    await expectDisplay(app, '123456789012000', FORMAT);
  });

  test('a whole result shows no point or trailing zeros (1 . 5 + 1 . 5 = shows 3)', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '1.5 + 1.5 =');
    await expectDisplay(app, '3', FORMAT);
  });

  test('-0 is shown as 0 (0 * 5 neg = and 2 - 2 = neg)', async ({ app }) => {
    await press(app, '0 * 5 neg =');
    await expectDisplay(app, '0', FORMAT);
    await press(app, '2 - 2 = neg');
    await expectDisplay(app, '0', FORMAT);
  });

  test('values keep full precision internally (1 / 3 = * 3 = shows 1)', async ({ app }) => {
    await press(app, '1 / 3 = * 3 =');
    await expectDisplay(app, '1', PRECISION);
  });

  test('intermediate results keep full precision (2 / 3 * 3 = shows 2)', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '2 / 3 * 3 =');
    await expectDisplay(app, '2', PRECISION);
  });
});

test.describe('Rule 9: the entry being typed is shown as typed', () => {
  test('0 . 1 0 shows 0.10 and 1 . 5 0 0 shows 1.500', async ({ app }) => {
    await press(app, '0.10');
    await expectDisplay(app, '0.10', AS_TYPED);
    await press(app, 'C 1.500');
    await expectDisplay(app, '1.500', AS_TYPED);
  });

  test('an operator with nothing pending keeps the entry as typed (0 . 1 0 + shows 0.10)', async ({ app }) => {
    await press(app, '0.10 +');
    await expectDisplay(app, '0.10', AS_TYPED);
  });

  test('the entry is formatted once it is computed (0 . 1 0 + 0 = shows 0.1)', async ({ app }) => {
    await press(app, '0.10 + 0 =');
    await expectDisplay(app, '0.1', FORMAT);
  });
});
