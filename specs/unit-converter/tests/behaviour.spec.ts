import { test, expect } from '@ndli/ralph/spec';
import { chooseCategory, chooseUnits, expectResultOnceSettled, fromUnit, optionValues, result, swap, toUnit, typeValue, valueInput } from './unit-converter.js';

test.describe('Rule 1: initial state', () => {
  test('loads as length, m → ft, with an empty value and an empty result', async ({ app }) => {
    await expect(app.page.locator('#category'), 'page loaded: #category should be "length" (rule 1)').toHaveValue('length');
    await expect(fromUnit(app), 'page loaded: #from-unit should be "m" (rule 1)').toHaveValue('m');
    await expect(toUnit(app), 'page loaded: #to-unit should be "ft" (rule 1)').toHaveValue('ft');
    await expect(valueInput(app), 'page loaded: #value should be empty (rule 1)').toHaveValue('');
    await expect(result(app), 'page loaded: #result should be empty (rule 1)').toHaveText('');
    await expect.poll(optionValues(fromUnit(app)), { message: 'page loaded: #from-unit options should be the length units in table order (DOM contract)' }).toEqual(['mm', 'cm', 'm', 'km', 'in', 'ft', 'yd', 'mi']);
    await expect.poll(optionValues(toUnit(app)), { message: 'page loaded: #to-unit options should be the length units in table order (DOM contract)' }).toEqual(['mm', 'cm', 'm', 'km', 'in', 'ft', 'yd', 'mi']);
  });
});

test.describe('Rule 2: category', () => {
  test('choosing mass lists the mass units and selects kg → lb', async ({ app }) => {
    await chooseCategory(app, 'mass');
    await expect.poll(optionValues(fromUnit(app)), { message: 'selected "mass": #from-unit options should be mg, g, kg, t, oz, lb (rule 2)' }).toEqual(['mg', 'g', 'kg', 't', 'oz', 'lb']);
    await expect.poll(optionValues(toUnit(app)), { message: 'selected "mass": #to-unit options should be mg, g, kg, t, oz, lb (rule 2)' }).toEqual(['mg', 'g', 'kg', 't', 'oz', 'lb']);
    await expect(fromUnit(app), 'selected "mass": #from-unit should be "kg" (rule 2 default pair)').toHaveValue('kg');
    await expect(toUnit(app), 'selected "mass": #to-unit should be "lb" (rule 2 default pair)').toHaveValue('lb');
  });

  test('choosing temperature lists C, F, K and selects C → F', { tag: '@held-out' }, async ({ app }) => {
    await chooseCategory(app, 'temperature');
    await expect.poll(optionValues(fromUnit(app)), { message: 'selected "temperature": #from-unit options should be C, F, K (rule 2)' }).toEqual(['C', 'F', 'K']);
    await expect.poll(optionValues(toUnit(app)), { message: 'selected "temperature": #to-unit options should be C, F, K (rule 2)' }).toEqual(['C', 'F', 'K']);
    await expect(fromUnit(app), 'selected "temperature": #from-unit should be "C" (rule 2 default pair)').toHaveValue('C');
    await expect(toUnit(app), 'selected "temperature": #to-unit should be "F" (rule 2 default pair)').toHaveValue('F');
  });

  test('changing the category keeps the value and recomputes the result', async ({ app }) => {
    await typeValue(app, '1');
    await expect(result(app), 'typed "1" with m → ft: #result should read "3.28084" (rule 3)').toHaveText('3.28084');
    await chooseCategory(app, 'mass');
    await expect(valueInput(app), 'typed "1", then selected "mass": #value should still be "1" (rule 2)').toHaveValue('1');
    await expect(result(app), 'typed "1", then selected "mass" (kg → lb): #result should read "2.20462" (rule 2 example)').toHaveText('2.20462');
    await chooseCategory(app, 'temperature');
    await expect(result(app), 'then selected "temperature" (C → F): #result should read "33.8" (rule 2)').toHaveText('33.8');
    await chooseCategory(app, 'length');
    await expect(fromUnit(app), 'then selected "length" again: #from-unit should be "m" (rule 2 default pair)').toHaveValue('m');
    await expect(result(app), 'then selected "length" again (m → ft): #result should read "3.28084" (rule 2)').toHaveText('3.28084');
  });
});

test.describe('Rule 3: live update', () => {
  test('the result follows every keystroke without Enter or blur', async ({ app }) => {
    await chooseUnits(app, 'km', 'm');
    app.record('press "1", "2", "." and "5" in #value one by one');
    await valueInput(app).pressSequentially('1');
    await expect(result(app), 'km → m, typed "1" (one keystroke, no Enter): #result should read "1000" (rule 3: recomputed on every input event)').toHaveText('1000');
    await valueInput(app).pressSequentially('2');
    await expect(result(app), 'km → m, typed "12": #result should read "12000" (rule 3)').toHaveText('12000');
    await valueInput(app).pressSequentially('.5');
    await expect(result(app), 'km → m, typed "12.5": #result should read "12500" (rule 3)').toHaveText('12500');
  });

  test('the result follows a change of unit', { tag: '@held-out' }, async ({ app }) => {
    await typeValue(app, '2');
    await chooseUnits(app, 'm', 'cm');
    await expect(result(app), 'typed "2", selected m → cm: #result should read "200" (rule 3: recomputed when a select changes)').toHaveText('200');
    app.record('select "mm" in #to-unit');
    await toUnit(app).selectOption('mm');
    await expect(result(app), 'then selected "mm" in #to-unit: #result should read "2000" (rule 3)').toHaveText('2000');
    app.record('select "km" in #from-unit');
    await fromUnit(app).selectOption('km');
    await expect(result(app), 'then selected "km" in #from-unit (km → mm): #result should read "2000000" (rule 3)').toHaveText('2000000');
  });
});

test.describe('Rule 3: zero', () => {
  test('zero shows 0, never -0', async ({ app }) => {
    await chooseUnits(app, 'm', 'cm');
    for (const text of ['-0', '-1e-400', '0']) {
      // A number first, so each check sees the result of its own text, not the 0 left by the text before.
      await typeValue(app, '2');
      await expect(result(app), 'typed "2" with m → cm: #result should read "200" (rule 3)').toHaveText('200');
      await typeValue(app, text);
      await expect(result(app), `typed ${JSON.stringify(text)} with m → cm (a zero, negative for -0 and -1e-400): #result should read "0" (rule 3: String(Number(x.toPrecision(6))), 0 never -0)`).toHaveText('0');
    }
  });
});

test.describe('Rule 4: input that is not a number', () => {
  test('empty or whitespace-only input shows an empty result', async ({ app }) => {
    await typeValue(app, '5');
    await expect(result(app), 'typed "5" with m → ft: #result should read "16.4042" (rule 3)').toHaveText('16.4042');
    await typeValue(app, '');
    await expect(result(app), 'then cleared #value: #result should be empty (rule 4)').toHaveText('');
    await typeValue(app, '7');
    await expect(result(app), 'then typed "7" with m → ft: #result should read "22.9659" (rule 3)').toHaveText('22.9659');
    await typeValue(app, '   ');
    await expect(result(app), 'then typed "   " (spaces only): #result should be empty (rule 4)').toHaveText('');
  });

  test('text that is not a valid finite number shows Invalid number', async ({ app }) => {
    await chooseUnits(app, 'm', 'cm');
    for (const text of ['abc', '12abc', '1,5', '1.2.3', '--1']) {
      // A number first, so each check sees the result of its own text, not the message left by the text before.
      await typeValue(app, '1');
      await expect(result(app), 'typed "1" with m → cm: #result should read "100" (rule 3)').toHaveText('100');
      await typeValue(app, text);
      await expect(result(app), `typed ${JSON.stringify(text)} with m → cm: #result should read exactly "Invalid number" (rule 4: the whole trimmed text must match ^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$ and be finite)`).toHaveText('Invalid number');
    }
  });

  test('hex, Infinity, a bare exponent and a number too large to read show Invalid number', async ({ app }) => {
    await chooseUnits(app, 'm', 'cm');
    for (const text of ['0x10', 'Infinity', 'e5', '1e400']) {
      // A number first, so each check sees the result of its own text, not the message left by the text before.
      await typeValue(app, '1');
      await expect(result(app), 'typed "1" with m → cm: #result should read "100" (rule 3)').toHaveText('100');
      await typeValue(app, text);
      await expect(result(app), `typed ${JSON.stringify(text)} with m → cm: #result should read exactly "Invalid number" (rule 4: the whole trimmed text must match ^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$ and be finite)`).toHaveText('Invalid number');
    }
  });

  test('valid forms with spaces, sign, trailing point, leading point and exponent are converted', async ({ app }) => {
    await chooseUnits(app, 'm', 'cm');
    for (const [text, expected] of [['  2  ', '200'], ['+3', '300'], ['12.', '1200'], ['.5', '50'], ['.25', '25'], ['1E-2', '1'], ['2e+1', '2000']] as const) {
      await typeValue(app, text);
      await expect(result(app), `typed ${JSON.stringify(text)} with m → cm: #result should read "${expected}" (rule 4: a valid number, surrounding whitespace removed)`).toHaveText(expected);
    }
  });

  test('a finite value whose converted result overflows shows Invalid number', async ({ app }) => {
    await chooseUnits(app, 'mi', 'mm');
    await typeValue(app, '1e308');
    await expect(result(app), 'typed "1e308" with mi → mm (about 1.6e314, beyond the largest double): #result should read exactly "Invalid number" (rule 4: a result that is not finite)').toHaveText('Invalid number');
  });

  // Rule 4: "A valid number that is not finite once read (`1e400`) … shows `Invalid number`" — in every category,
  // so -1e400 °C is not a temperature below absolute zero but a number that cannot be read.
  test('a temperature too large to read shows Invalid number rather than Below absolute zero', { tag: '@held-out' }, async ({ app }) => {
    await chooseCategory(app, 'temperature');
    await typeValue(app, '-1e400');
    await expect(result(app), 'temperature: typed "-1e400" with C → F: #result should read exactly "Invalid number" (rule 4: a valid number that is not finite once read)').toHaveText('Invalid number');
  });

  test('a temperature below absolute zero shows Below absolute zero', async ({ app }) => {
    await chooseCategory(app, 'temperature');
    for (const [text, from, to, zero] of [['-273.16', 'C', 'F', '32'], ['-459.68', 'F', 'C', '-17.7778'], ['-0.01', 'K', 'C', '-273.15']] as const) {
      await chooseUnits(app, from, to);
      // 0 first, so each check sees the message of its own value, not the one left by the value before.
      await typeValue(app, '0');
      await expect(result(app), `temperature: typed "0" with ${from} → ${to}: #result should read "${zero}" (rule 3)`).toHaveText(zero);
      await typeValue(app, text);
      await expect(result(app), `temperature: typed ${JSON.stringify(text)} with ${from} → ${to}: #result should read exactly "Below absolute zero" (rule 4)`).toHaveText('Below absolute zero');
    }
  });

  test('absolute zero itself converts normally', { tag: '@held-out' }, async ({ app }) => {
    await chooseCategory(app, 'temperature');
    await chooseUnits(app, 'F', 'K');
    await typeValue(app, '-459.67');
    await expect(result(app), 'temperature: typed "-459.67" with F → K: #result should read "0" (rule 4: absolute zero converts normally)').toHaveText('0');
    await chooseUnits(app, 'K', 'F');
    await typeValue(app, '0');
    await expect(result(app), 'temperature: typed "0" with K → F: #result should read "-459.67" (rule 4)').toHaveText('-459.67');
  });

  test('the message follows a change of category or unit', async ({ app }) => {
    await chooseCategory(app, 'temperature');
    await chooseUnits(app, 'F', 'C');
    await typeValue(app, '-500');
    await expect(result(app), 'temperature: typed "-500" with F → C: #result should read "Below absolute zero" (rule 4)').toHaveText('Below absolute zero');
    app.record('select "C" in #from-unit');
    await fromUnit(app).selectOption('C');
    await expectResultOnceSettled(app, 'Below absolute zero', 'then selected "C" in #from-unit (C → C): -500 °C is still below absolute zero (rule 4)');
    await chooseCategory(app, 'length');
    await expect(result(app), 'then selected "length" (m → ft): #result should read "-1640.42" (Clarifications: negative lengths convert)').toHaveText('-1640.42');
  });
});

test.describe('Rule 4: negative values', () => {
  test('negative lengths and masses are converted', async ({ app }) => {
    await chooseUnits(app, 'mi', 'km');
    await typeValue(app, '-1');
    await expect(result(app), 'typed "-1" with mi → km: #result should read "-1.60934" (rule 4: length accepts negative values)').toHaveText('-1.60934');
    await chooseCategory(app, 'mass');
    await expect(result(app), 'then selected "mass" (kg → lb): #result should read "-2.20462" (rule 4: mass accepts negative values)').toHaveText('-2.20462');
    await chooseUnits(app, 'oz', 'g');
    await typeValue(app, '-0.5');
    await expect(result(app), 'then typed "-0.5" with oz → g: #result should read "-14.1748" (rule 4: mass accepts negative values)').toHaveText('-14.1748');
  });
});

test.describe('Rule 5: swap', () => {
  test('swap exchanges the units and recomputes the result', async ({ app }) => {
    await chooseUnits(app, 'in', 'cm');
    await typeValue(app, '1');
    await expect(result(app), 'typed "1" with in → cm: #result should read "2.54" (rule 3)').toHaveText('2.54');
    await swap(app);
    await expect(fromUnit(app), 'then clicked #swap: #from-unit should be "cm" (rule 5)').toHaveValue('cm');
    await expect(toUnit(app), 'then clicked #swap: #to-unit should be "in" (rule 5)').toHaveValue('in');
    await expect(valueInput(app), 'then clicked #swap: #value should still be "1" (rule 5)').toHaveValue('1');
    await expect(result(app), 'then clicked #swap (cm → in): #result should read "0.393701" (rule 5 example)').toHaveText('0.393701');
  });

  test('swap works for temperature and twice restores the original', { tag: '@held-out' }, async ({ app }) => {
    await chooseCategory(app, 'temperature');
    await typeValue(app, '100');
    await expect(result(app), 'temperature: typed "100" with C → F: #result should read "212" (rule 3)').toHaveText('212');
    await swap(app);
    await expect(result(app), 'then clicked #swap (F → C): #result should read "37.7778" (rule 5)').toHaveText('37.7778');
    await swap(app);
    await expect(fromUnit(app), 'then clicked #swap again: #from-unit should be "C" (rule 5)').toHaveValue('C');
    await expect(result(app), 'then clicked #swap again (C → F): #result should read "212" (rule 5)').toHaveText('212');
  });
});

test.describe('Clarifications', () => {
  test('invalid text keeps showing Invalid number through changes of unit, category and swap', async ({ app }) => {
    await typeValue(app, 'abc');
    await expect(result(app), 'typed "abc" with m → ft: #result should read "Invalid number" (rule 4)').toHaveText('Invalid number');
    app.record('select "km" in #from-unit');
    await fromUnit(app).selectOption('km');
    await expectResultOnceSettled(app, 'Invalid number', 'then selected "km" in #from-unit: #result should still read "Invalid number" (Clarifications: the message for the new situation)');
    await chooseCategory(app, 'temperature');
    await expect(fromUnit(app), 'then selected "temperature": #from-unit should be "C" (rule 2)').toHaveValue('C');
    await expectResultOnceSettled(app, 'Invalid number', 'then selected "temperature": #result should still read "Invalid number" (Clarifications: abc stays Invalid number)');
    await swap(app);
    await expect(fromUnit(app), 'then clicked #swap: #from-unit should be "F" (rule 5)').toHaveValue('F');
    await expectResultOnceSettled(app, 'Invalid number', 'then clicked #swap: #result should still read "Invalid number" (Clarifications)');
    await chooseCategory(app, 'mass');
    await expect(fromUnit(app), 'then selected "mass": #from-unit should be "kg" (rule 2)').toHaveValue('kg');
    await expectResultOnceSettled(app, 'Invalid number', 'then selected "mass": #result should still read "Invalid number" (Clarifications)');
    await expect(valueInput(app), 'after all that: #value should still be "abc" (Clarifications: the value is never rewritten)').toHaveValue('abc');
  });

  test('the value is never rewritten: not trimmed, formatted, cleared or replaced', async ({ app }) => {
    await chooseUnits(app, 'in', 'cm');
    await typeValue(app, ' 1.50 ');
    await expect(result(app), 'typed " 1.50 " with in → cm: #result should read "3.81" (rule 4: surrounding whitespace removed when read)').toHaveText('3.81');
    await swap(app);
    await expect(result(app), 'then clicked #swap (cm → in): #result should read "0.590551" (rule 5)').toHaveText('0.590551');
    await expect(valueInput(app), 'then clicked #swap (the text field lost focus): #value should still be " 1.50 " (Clarifications: never rewritten, also not on swap)').toHaveValue(' 1.50 ');
    await chooseCategory(app, 'temperature');
    await expect(result(app), 'then selected "temperature" (C → F): #result should read "34.7" (rule 2)').toHaveText('34.7');
    await expect(valueInput(app), 'then selected "temperature": #value should still be " 1.50 " (Clarifications: not on category change)').toHaveValue(' 1.50 ');
    await chooseUnits(app, 'K', 'C');
    await expect(result(app), 'then selected K → C: #result should read "-271.65" (rule 3)').toHaveText('-271.65');
    await expect(valueInput(app), 'then selected K → C: #value should still be " 1.50 " (Clarifications: not formatted, not replaced by the result)').toHaveValue(' 1.50 ');
  });

  test('a reload starts in the initial state', { tag: '@held-out' }, async ({ app }) => {
    await chooseCategory(app, 'mass');
    await chooseUnits(app, 'lb', 'oz');
    await typeValue(app, '2');
    await expect(result(app), 'selected "mass", lb → oz, typed "2": #result should read "32" (rule 3)').toHaveText('32');
    app.record('reload the page');
    await app.open();
    await expect(app.page.locator('#category'), 'reloaded: #category should be "length" (Clarifications: no persistence, rule 1)').toHaveValue('length');
    await expect(fromUnit(app), 'reloaded: #from-unit should be "m" (Clarifications: no persistence, rule 1)').toHaveValue('m');
    await expect(toUnit(app), 'reloaded: #to-unit should be "ft" (Clarifications: no persistence, rule 1)').toHaveValue('ft');
    await expect(valueInput(app), 'reloaded: #value should be empty (Clarifications: no persistence, rule 1)').toHaveValue('');
    await expect(result(app), 'reloaded: #result should be empty (Clarifications: no persistence, rule 1)').toHaveText('');
  });
});
