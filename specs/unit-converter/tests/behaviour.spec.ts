import { test, expect } from '@ndli/ralph/spec';
import { chooseCategory, chooseUnits, fromUnit, optionValues, result, swap, toUnit, typeValue, valueInput } from './unit-converter.js';

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

  test('choosing temperature lists C, F, K and selects C → F', async ({ app }) => {
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

  test('the result follows a change of unit', async ({ app }) => {
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

test.describe('Rule 4: input that is not a number', () => {
  test('empty or whitespace-only input shows an empty result', async ({ app }) => {
    await typeValue(app, '5');
    await expect(result(app), 'typed "5" with m → ft: #result should read "16.4042" (rule 3)').toHaveText('16.4042');
    await typeValue(app, '');
    await expect(result(app), 'then cleared #value: #result should be empty (rule 4)').toHaveText('');
    await typeValue(app, '   ');
    await expect(result(app), 'then typed "   " (spaces only): #result should be empty (rule 4)').toHaveText('');
  });

  test('text that is not a valid finite number shows Invalid number', async ({ app }) => {
    await chooseUnits(app, 'm', 'cm');
    for (const text of ['abc', '12abc', '1,5', '1.2.3', '--1', '0x10', 'Infinity', 'e5', '1e400']) {
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
  test('a temperature too large to read shows Invalid number rather than Below absolute zero', async ({ app }) => {
    await chooseCategory(app, 'temperature');
    await typeValue(app, '-1e400');
    await expect(result(app), 'temperature: typed "-1e400" with C → F: #result should read exactly "Invalid number" (rule 4: a valid number that is not finite once read)').toHaveText('Invalid number');
  });

  test('a temperature below absolute zero shows Below absolute zero', async ({ app }) => {
    await chooseCategory(app, 'temperature');
    for (const [text, from, to] of [['-273.16', 'C', 'F'], ['-459.68', 'F', 'C'], ['-0.01', 'K', 'C']] as const) {
      await chooseUnits(app, from, to);
      await typeValue(app, text);
      await expect(result(app), `temperature: typed ${JSON.stringify(text)} with ${from} → ${to}: #result should read exactly "Below absolute zero" (rule 4)`).toHaveText('Below absolute zero');
    }
  });

  test('absolute zero itself converts normally', async ({ app }) => {
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
    await expect(result(app), 'then selected "C" in #from-unit (C → C): -500 °C is still below absolute zero (rule 4)').toHaveText('Below absolute zero');
    await chooseCategory(app, 'length');
    await expect(result(app), 'then selected "length" (m → ft): #result should read "-1640.42" (Clarifications: negative lengths convert)').toHaveText('-1640.42');
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

  test('swap works for temperature and twice restores the original', async ({ app }) => {
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
