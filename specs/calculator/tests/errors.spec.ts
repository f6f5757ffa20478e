import { test } from '@ndli/ralph/spec';
import { expectDisplay, press } from './calculator.js';

const ERROR = 'division by zero, sqrt of a negative number and every other non-finite result (overflow, NaN) display Error';
const LOCKED = 'while Error is shown only digits, . and C do anything; every other key is ignored';
const AFRESH = 'while Error is shown a digit or . starts afresh as after C (nothing pending, nothing to repeat)';

test.describe('Rule 8: non-finite results show Error', () => {
  test('division by zero shows Error (1 / 0 =)', async ({ app }) => {
    await press(app, '1 / 0 =');
    await expectDisplay(app, 'Error', ERROR);
  });

  test('division by zero while chaining shows Error at once (1 / 0 + shows Error)', async ({ app }) => {
    await press(app, '1 / 0 +');
    await expectDisplay(app, 'Error', ERROR);
  });

  test('0 / 0 = shows Error', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '0 / 0 =');
    await expectDisplay(app, 'Error', ERROR);
  });

  test('sqrt of a negative entry shows Error (4 neg sqrt)', async ({ app }) => {
    await press(app, '4 neg sqrt');
    await expectDisplay(app, 'Error', ERROR);
  });

  test('sqrt of a negative result shows Error (2 - 6 = sqrt)', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '2 - 6 = sqrt');
    await expectDisplay(app, 'Error', ERROR);
  });

  test('overflow to Infinity shows Error (1 0 pow 4 0 0 =)', async ({ app }) => {
    await press(app, '10 pow 400 =');
    await expectDisplay(app, 'Error', ERROR);
  });

  test('NaN shows Error (8 neg pow . 5 =)', async ({ app }) => {
    await press(app, '8 neg pow .5 =');
    await expectDisplay(app, 'Error', ERROR);
  });
});

test.describe('Rule 8: while Error is shown only digits, . and C act', () => {
  test('a digit starts afresh (1 / 0 = 7 shows 7, + 1 = gives 8)', async ({ app }) => {
    await press(app, '1 / 0 = 7');
    await expectDisplay(app, '7', AFRESH);
    await press(app, '+ 1 =');
    await expectDisplay(app, '8', AFRESH);
  });

  test('nothing survives Error: 1 / 0 = 3 = shows 3 (no operation to repeat)', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '1 / 0 = 3 =');
    await expectDisplay(app, '3', AFRESH);
  });

  test('a point starts afresh with 0. (1 / 0 = . shows 0., 5 shows 0.5)', { tag: '@held-out' }, async ({ app }) => {
    await press(app, '1 / 0 = .');
    await expectDisplay(app, '0.', AFRESH);
    await press(app, '5');
    await expectDisplay(app, '0.5', AFRESH);
  });

  test('C clears Error to 0', async ({ app }) => {
    await press(app, '1 / 0 = C');
    await expectDisplay(app, '0', 'C resets everything, Error included');
  });

  // Each ignored key must leave Error on the display; the follow-up keys then show that it did
  // not leave a pending operation or a value behind either. Symbol keys are also named in words: titles that
  // differ only in punctuation would share one Playwright evidence folder.
  const ignored: { key: string; name?: string; followUp: string; expected: string }[] = [
    { key: '+', name: 'plus', followUp: '5 = =', expected: '5' },
    { key: '-', name: 'minus', followUp: '5 =', expected: '5' },
    { key: '*', name: 'times', followUp: '5 =', expected: '5' },
    { key: '/', name: 'divide', followUp: '5 =', expected: '5' },
    { key: 'pow', followUp: '5 =', expected: '5' },
    { key: '=', name: 'equals', followUp: '5 + 1 =', expected: '6' },
    { key: 'CE', followUp: '5 + 1 =', expected: '6' },
    { key: 'Backspace', followUp: '7', expected: '7' },
    { key: 'sqrt', followUp: '5 =', expected: '5' },
    { key: '%', name: 'percent', followUp: '5 =', expected: '5' },
    { key: 'neg', followUp: '5', expected: '5' },
  ];
  for (const { key, name, followUp, expected } of ignored) {
    test(`${name ? `${name} (${key})` : key} does nothing while Error is shown (1 / 0 = ${key} still shows Error; ${followUp} then gives ${expected})`, async ({ app }) => {
      await press(app, `1 / 0 = ${key}`);
      await expectDisplay(app, 'Error', LOCKED);
      await press(app, followUp);
      await expectDisplay(app, expected, `${LOCKED}; ${AFRESH}`);
    });
  }
});
