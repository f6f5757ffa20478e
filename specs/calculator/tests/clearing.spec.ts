import { test } from '@ndli/ralph/spec';
import { expectDisplay, press } from './calculator.js';

const C = 'C resets everything: display 0, no pending operation, nothing to repeat';
const CE = 'CE clears only the current entry to 0 and keeps the pending operation; after a result or right after an operator it starts a new entry 0';
const BACKSPACE = 'Backspace deletes the last typed character of the current entry; an empty entry shows 0';
const BACKSPACE_NO_EFFECT = 'Backspace does nothing to a computed result, nor right after an operator key';
const LONE_MINUS = 'Backspace down to a lone - shows 0 but keeps the minus for the next digit';

test.describe('Rule 6: C resets everything', () => {
  test('C shows 0 and forgets the pending operation (2 + 3 C shows 0, then 4 = gives 4)', async ({ app }) => {
    await press(app, '2 + 3 C');
    await expectDisplay(app, '0', C);
    await press(app, '4 =');
    await expectDisplay(app, '4', C);
  });

  test('C after a result starts from 0 (2 + 3 = C shows 0, then + 1 = gives 1)', async ({ app }) => {
    await press(app, '2 + 3 = C');
    await expectDisplay(app, '0', C);
    await press(app, '+ 1 =');
    await expectDisplay(app, '1', C);
  });
});

test.describe('Rule 6: CE clears the current entry only', () => {
  test('CE keeps the pending operation (5 + 3 CE shows 0, 4 = gives 9)', async ({ app }) => {
    await press(app, '5 + 3 CE');
    await expectDisplay(app, '0', CE);
    await press(app, '4 =');
    await expectDisplay(app, '9', CE);
  });

  test('CE right after an operator starts a new entry 0 (5 + CE = gives 5)', async ({ app }) => {
    await press(app, '5 + CE');
    await expectDisplay(app, '0', CE);
    await press(app, '=');
    await expectDisplay(app, '5', CE);
  });

  test('CE after a result starts a new entry 0 (2 + 3 = CE shows 0, + 4 = gives 4)', async ({ app }) => {
    await press(app, '2 + 3 = CE');
    await expectDisplay(app, '0', CE);
    await press(app, '+ 4 =');
    await expectDisplay(app, '4', CE);
  });

  test('CE on the first entry (1 2 CE 3 + 1 = gives 4)', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '12 CE 3 + 1 =');
    await expectDisplay(app, '4', CE);
  });

  test('after CE the new entry may take a point (5 + 3 CE . 5 = gives 5.5)', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '5 + 3 CE .5 =');
    await expectDisplay(app, '5.5', CE);
  });
});

test.describe('Rule 6: Backspace edits only the entry being typed', () => {
  test('Backspace deletes the last typed digit (1 2 3 Backspace shows 12)', async ({ app }) => {
    await press(app, '123 Backspace');
    await expectDisplay(app, '12', BACKSPACE);
  });

  test('Backspace removes the point too (1 . 5 Backspace shows 1., again 1, then . 7 gives 1.7)', async ({ app }) => {
    await press(app, '1.5 Backspace');
    await expectDisplay(app, '1.', BACKSPACE);
    await press(app, 'Backspace');
    await expectDisplay(app, '1', BACKSPACE);
    await press(app, '.7');
    await expectDisplay(app, '1.7', BACKSPACE);
  });

  test('an emptied entry shows 0 and the next digit starts it (1 2 Backspace Backspace shows 0, 5 shows 5)', async ({ app }) => {
    await press(app, '12 Backspace Backspace');
    await expectDisplay(app, '0', BACKSPACE);
    await press(app, '5');
    await expectDisplay(app, '5', BACKSPACE);
  });

  test('Backspace on the right operand (1 2 + 3 4 Backspace = gives 15)', async ({ app }) => {
    await press(app, '12 + 34 Backspace =');
    await expectDisplay(app, '15', BACKSPACE);
  });

  test('Backspace does nothing to a result (2 + 3 = Backspace shows 5, + 1 = gives 6)', async ({ app }) => {
    await press(app, '2 + 3 = Backspace');
    await expectDisplay(app, '5', BACKSPACE_NO_EFFECT);
    await press(app, '+ 1 =');
    await expectDisplay(app, '6', BACKSPACE_NO_EFFECT);
  });

  test('Backspace does nothing to a sqrt result (9 sqrt Backspace + 1 = gives 4)', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '9 sqrt Backspace');
    await expectDisplay(app, '3', BACKSPACE_NO_EFFECT);
    await press(app, '+ 1 =');
    await expectDisplay(app, '4', BACKSPACE_NO_EFFECT);
  });

  test('Backspace right after an operator does nothing (1 2 + Backspace shows 12, 3 = gives 15)', async ({ app }) => {
    await press(app, '12 + Backspace');
    await expectDisplay(app, '12', BACKSPACE_NO_EFFECT);
    await press(app, '3 =');
    await expectDisplay(app, '15', BACKSPACE_NO_EFFECT);
  });

  test('Backspace on a negative entry keeps the sign (5 3 neg Backspace shows -5)', async ({ app }) => {
    await press(app, '53 neg Backspace');
    await expectDisplay(app, '-5', BACKSPACE);
  });

  test('Backspace down to a lone minus shows 0 and keeps the minus (5 neg Backspace shows 0, 3 shows -3)', async ({ app }) => {
    await press(app, '5 neg Backspace');
    await expectDisplay(app, '0', LONE_MINUS);
    await press(app, '3');
    await expectDisplay(app, '-3', LONE_MINUS);
  });

  test('a 0 typed after the kept minus is a lone 0 that the next digit replaces (5 neg Backspace 0 5 shows -5)', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '5 neg Backspace 0 5');
    await expectDisplay(app, '-5', `${LONE_MINUS}; a lone 0 is replaced by the next digit, the kept minus stays`);
  });

  test('a point after the kept minus starts -0. (5 neg Backspace . shows -0., then 5 shows -0.5)', async ({ app }) => {
    await press(app, '5 neg Backspace .');
    await expectDisplay(app, '-0.', `${LONE_MINUS}; as the first key of an entry . gives 0., here with the kept minus`);
    await press(app, '5');
    await expectDisplay(app, '-0.5', LONE_MINUS);
  });
});
