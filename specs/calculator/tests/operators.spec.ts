import { test } from '@ndli/ralph/spec';
import { expectDisplay, press } from './calculator.js';

const LEFT_TO_RIGHT = 'immediate execution: a pending operation is evaluated as soon as the next operator is pressed, strictly left to right, no precedence';
const REPLACE = 'operators pressed in a row only replace the pending operator, nothing is evaluated';
const REPEAT = '= again repeats the last operation with the same (stored) right operand';
const NOTHING_TO_REPEAT = 'repeating works only directly after =; after a new entry, a unary key, CE or C there is nothing to repeat and = with nothing pending does nothing';
const AFTER_RESULT = 'after a result a digit or . starts a new entry (the result is discarded) and an operator uses the result as its left operand';

test.describe('Rule 3: binary operators evaluate strictly left to right', () => {
  test('2 + 3 * 4 = gives 20 (left to right, no precedence)', async ({ app }) => {
    await press(app, '2 + 3 * 4 =');
    await expectDisplay(app, '20', LEFT_TO_RIGHT);
  });

  test('the pending operation is evaluated when the next operator is pressed (2 + 3 * shows 5)', async ({ app }) => {
    await press(app, '2 + 3 *');
    await expectDisplay(app, '5', LEFT_TO_RIGHT);
  });

  test('after an operator the display keeps showing the left operand (1 2 + shows 12)', async ({ app }) => {
    await press(app, '12 +');
    await expectDisplay(app, '12', 'the display shows the left operand until a digit or . starts the next entry');
  });

  test('9 - 4 = gives 5 and 3 - 8 = gives -5', async ({ app }) => {
    await press(app, '9 - 4 =');
    await expectDisplay(app, '5', 'subtraction');
    await press(app, '3 - 8 =');
    await expectDisplay(app, '-5', 'subtraction');
  });

  test('7 * 6 = gives 42', async ({ app }) => {
    await press(app, '7 * 6 =');
    await expectDisplay(app, '42', 'multiplication');
  });

  test('6 / 4 = gives 1.5', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '6 / 4 =');
    await expectDisplay(app, '1.5', 'division');
  });

  test('2 pow 10 = gives 1024 and 9 pow . 5 = gives 3', async ({ app }) => {
    await press(app, '2 pow 10 =');
    await expectDisplay(app, '1024', 'pow raises the left operand to the power of the right operand');
    await press(app, '9 pow .5 =');
    await expectDisplay(app, '3', 'pow raises the left operand to the power of the right operand');
  });

  test('a chain 1 0 - 4 / 3 * 5 = gives 10 and pow chains too (2 pow 3 pow 2 = gives 64)', async ({ app }) => {
    await press(app, '10 - 4 / 3 * 5 =');
    await expectDisplay(app, '10', LEFT_TO_RIGHT);
    await press(app, '2 pow 3 pow 2 =');
    await expectDisplay(app, '64', LEFT_TO_RIGHT);
  });

  test('operators in a row only replace the pending one (2 + * 3 = gives 6)', async ({ app }) => {
    await press(app, '2 + *');
    await expectDisplay(app, '2', REPLACE);
    await press(app, '3 =');
    await expectDisplay(app, '6', REPLACE);
  });

  test('replacing keeps the evaluated left operand (9 * - 3 = gives 6; 2 + 3 * pow 2 = gives 25)', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '9 * - 3 =');
    await expectDisplay(app, '6', REPLACE);
    await press(app, '2 + 3 * pow 2 =');
    await expectDisplay(app, '25', REPLACE);
  });
});

test.describe('Rule 4: = evaluates; = again repeats with the same right operand', () => {
  test('2 + 3 = = gives 8 (repeat with the same right operand)', async ({ app }) => {
    await press(app, '2 + 3 =');
    await expectDisplay(app, '5', '= evaluates the pending operation');
    await press(app, '=');
    await expectDisplay(app, '8', REPEAT);
    await press(app, '=');
    await expectDisplay(app, '11', REPEAT);
  });

  test('the repeated operand is the stored right operand, not the display (2 * 3 = = gives 18)', async ({ app }) => {
    await press(app, '2 * 3 = =');
    await expectDisplay(app, '18', REPEAT);
  });

  test('repeat works for - and / (1 0 - 2 = = = gives 4; 8 1 / 3 = = gives 9)', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '10 - 2 = = =');
    await expectDisplay(app, '4', REPEAT);
    await press(app, '81 / 3 = =');
    await expectDisplay(app, '9', REPEAT);
  });

  test('= with nothing pending leaves the display as is (= shows 0, 5 = shows 5)', async ({ app }) => {
    await press(app, '=');
    await expectDisplay(app, '0', '= with nothing pending does nothing');
    await press(app, '5 =');
    await expectDisplay(app, '5', '= with nothing pending does nothing');
  });

  test('= with nothing pending keeps the entry open (5 = 3 shows 53)', async ({ app }) => {
    await press(app, '5 = 3');
    await expectDisplay(app, '53', '= with nothing pending, and not directly after =, does nothing: the entry stays open');
  });

  test('after a new entry there is nothing to repeat (2 + 3 = 4 = shows 4)', async ({ app }) => {
    await press(app, '2 + 3 = 4 =');
    await expectDisplay(app, '4', NOTHING_TO_REPEAT);
  });

  test('after sqrt there is nothing to repeat (2 + 3 = sqrt = shows 2.2360679775)', async ({ app }) => {
    await press(app, '2 + 3 = sqrt =');
    await expectDisplay(app, '2.2360679775', NOTHING_TO_REPEAT);
  });

  test('after neg or % there is nothing to repeat (2 + 3 = neg = shows -5; 2 + 3 = % = shows 0.05)', async ({ app }) => {
    await press(app, '2 + 3 = neg =');
    await expectDisplay(app, '-5', NOTHING_TO_REPEAT);
    await press(app, 'C 2 + 3 = % =');
    await expectDisplay(app, '0.05', NOTHING_TO_REPEAT);
  });

  test('after CE or C there is nothing to repeat (2 + 3 = CE = shows 0; 2 + 3 = C = shows 0)', async ({ app }) => {
    await press(app, '2 + 3 = CE =');
    await expectDisplay(app, '0', NOTHING_TO_REPEAT);
    await press(app, '2 + 3 = C =');
    await expectDisplay(app, '0', NOTHING_TO_REPEAT);
  });

  test('Backspace on a result changes nothing, so = still repeats (2 + 3 = Backspace = shows 8)', async ({ app }) => {
    await press(app, '2 + 3 = Backspace =');
    await expectDisplay(app, '8', 'Backspace does nothing to a computed result, so = directly after it still repeats');
  });

  test('= right after an operator uses the left operand as the right one (2 + = shows 4, = again 6)', async ({ app }) => {
    await press(app, '2 + =');
    await expectDisplay(app, '4', '= right after an operator uses the left operand as the right operand');
    await press(app, '=');
    await expectDisplay(app, '6', REPEAT);
  });

  test('3 * = gives 9 and = again gives 27', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '3 * =');
    await expectDisplay(app, '9', '= right after an operator uses the left operand as the right operand');
    await press(app, '=');
    await expectDisplay(app, '27', REPEAT);
  });
});

test.describe('Rule 5: after a result, digits start anew and operators continue', () => {
  test('an operator uses the result as its left operand (2 + 3 = * shows 5, 4 = gives 20)', async ({ app }) => {
    await press(app, '2 + 3 = *');
    await expectDisplay(app, '5', `${AFTER_RESULT}; after the operator the display keeps showing the left operand`);
    await press(app, '4 =');
    await expectDisplay(app, '20', AFTER_RESULT);
  });

  test('a digit discards the result (2 + 3 = 7 shows 7, + 1 = gives 8)', async ({ app }) => {
    await press(app, '2 + 3 = 7');
    await expectDisplay(app, '7', AFTER_RESULT);
    await press(app, '+ 1 =');
    await expectDisplay(app, '8', AFTER_RESULT);
  });

  test('a point discards the result and starts 0. (2 + 3 = . 5 shows 0.5)', async ({ app }) => {
    await press(app, '2 + 3 = .');
    await expectDisplay(app, '0.', AFTER_RESULT);
    await press(app, '5');
    await expectDisplay(app, '0.5', AFTER_RESULT);
  });

  test('a digit after an intermediate result starts the right operand (2 + 3 * 4 shows 4)', async ({ app }) => {
    await press(app, '2 + 3 * 4');
    await expectDisplay(app, '4', AFTER_RESULT);
  });

  test('a repeated result is a result too (2 + 3 = = * 2 = gives 16; 2 + 3 = = 1 + 1 = gives 2)', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '2 + 3 = = * 2 =');
    await expectDisplay(app, '16', AFTER_RESULT);
    await press(app, '2 + 3 = = 1 + 1 =');
    await expectDisplay(app, '2', AFTER_RESULT);
  });
});
