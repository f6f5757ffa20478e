import { test } from '@ndli/ralph/spec';
import { expectDisplay, press } from './calculator.js';

const DIGITS = 'digits append to the current entry';
const LONE_ZERO = 'a lone 0 is replaced by the next digit';
const LIMIT = 'an entry holds at most 15 digits (sign and point not counted, the 0 a leading point inserts counted); further digits are ignored';
const POINT = 'the point is added once per entry; as the first key of an entry it gives 0.';

test.describe('Rule 1: digits build the entry (lone 0 replaced, at most 15 digits)', () => {
  test('digits 1 to 9 and 0 append in the order pressed', async ({ app }) => {
    await press(app, '1 2 3 4 5 6 7 8 9 0');
    await expectDisplay(app, '1234567890', DIGITS);
  });

  test('0 7 shows 7: a lone 0 is replaced by the next digit', async ({ app }) => {
    await press(app, '0 7');
    await expectDisplay(app, '7', LONE_ZERO);
  });

  test('0 0 shows 0: zeros do not pile up in front', async ({ app }) => {
    await press(app, '0 0');
    await expectDisplay(app, '0', LONE_ZERO);
    await press(app, '8');
    await expectDisplay(app, '8', LONE_ZERO);
  });

  test('1 0 0 shows 100: zeros after another digit are kept', async ({ app }) => {
    await press(app, '1 0 0');
    await expectDisplay(app, '100', DIGITS);
  });

  test('a lone 0 in the right operand is replaced too (5 + 0 7 shows 7, = gives 12)', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '5 + 0 7');
    await expectDisplay(app, '7', LONE_ZERO);
    await press(app, '=');
    await expectDisplay(app, '12', '5 + 7 = 12');
  });

  test('a 16th digit is ignored (15-digit limit)', async ({ app }) => {
    await press(app, '1234567890123456');
    await expectDisplay(app, '123456789012345', LIMIT);
    await press(app, '7');
    await expectDisplay(app, '123456789012345', LIMIT);
  });

  test('the point does not count toward the 15 digits (123.456789012345)', async ({ app }) => {
    await press(app, '123.4567890123456');
    await expectDisplay(app, '123.456789012345', LIMIT);
  });

  test('the 0 inserted by a leading point counts (. 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 shows 0.12345678901234)', async ({ app }) => {
    await press(app, '.123456789012345');
    await expectDisplay(app, '0.12345678901234', LIMIT);
  });

  test('the sign does not count: a negated entry still takes 15 digits', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '1234567 neg 89012345678');
    await expectDisplay(app, '-123456789012345', LIMIT);
  });

  test('the limit is per entry: the operand after an operator takes 15 digits again', async ({ app }) => {
    await press(app, '999999999999999 + 1234567890123456');
    await expectDisplay(app, '123456789012345', LIMIT);
  });
});

test.describe('Rule 2: decimal point (once per entry, leading point gives 0.)', () => {
  test('1 . 5 . 2 shows 1.52: a second point in the same entry is ignored', async ({ app }) => {
    await press(app, '1 . 5 . 2');
    await expectDisplay(app, '1.52', POINT);
  });

  test('a point as the first key gives 0. and digits follow it (. shows 0., 5 shows 0.5)', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '.');
    await expectDisplay(app, '0.', POINT);
    await press(app, '5');
    await expectDisplay(app, '0.5', POINT);
  });

  test('a point right after an operator starts the operand 0. (5 + . 5 = gives 5.5)', async ({ app }) => {
    await press(app, '5 + .');
    await expectDisplay(app, '0.', POINT);
    await press(app, '5 =');
    await expectDisplay(app, '5.5', '5 + 0.5 = 5.5');
  });

  test('each entry may have its own point (1 . 5 + 2 . 2 5 = gives 3.75)', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '1.5 + 2.25 =');
    await expectDisplay(app, '3.75', POINT);
  });
});
