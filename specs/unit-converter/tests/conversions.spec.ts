import { test } from '@ndli/ralph/spec';
import { expectConversion, type Category } from './unit-converter.js';

// [value, from, to, expected #result] — the examples of rule 3, one test each.
const examples: Record<Category, Array<[string, string, string, string]>> = {
  length: [
    ['1', 'in', 'cm', '2.54'],
    ['1', 'mi', 'km', '1.60934'],
    ['100', 'm', 'ft', '328.084'],
    ['5', 'km', 'mi', '3.10686'],
    ['12', 'in', 'ft', '1'],
    ['1', 'mm', 'mi', '6.21371e-7'],
    ['1e9', 'km', 'mm', '1000000000000000'],
    ['1e21', 'm', 'm', '1e+21'],
    ['1234567', 'm', 'm', '1234570'],
    ['-5', 'm', 'cm', '-500'],
  ],
  mass: [
    ['1', 'lb', 'kg', '0.453592'],
    ['1', 'kg', 'lb', '2.20462'],
    ['16', 'oz', 'lb', '1'],
    ['2.5', 't', 'kg', '2500'],
    ['500', 'mg', 'g', '0.5'],
    ['1', 'oz', 'g', '28.3495'],
  ],
  temperature: [
    ['100', 'C', 'F', '212'],
    ['-40', 'C', 'F', '-40'],
    ['98.6', 'F', 'C', '37'],
    ['0', 'F', 'C', '-17.7778'],
    ['32', 'F', 'K', '273.15'],
    ['300', 'K', 'F', '80.33'],
    ['0', 'K', 'C', '-273.15'],
    ['-273.15', 'C', 'K', '0'],
    ['20', 'C', 'C', '20'],
  ],
};

// Held out of the feedback a model sees (spec.json `heldOut`): one example per category, each a conversion whose
// formula other examples of its category also check.
const heldOutExamples = new Set(['5 km → mi shows 3.10686', '500 mg → g shows 0.5', '300 K → F shows 80.33']);

const rules: Record<Category, string> = {
  length: 'rule 3: value × metres(from) ÷ metres(to), shown as String(Number(x.toPrecision(6)))',
  mass: 'rule 3: value × grams(from) ÷ grams(to), shown as String(Number(x.toPrecision(6)))',
  temperature: 'rule 3: through Celsius, F→C (v − 32) × 5 / 9, K→C v − 273.15, C→F c × 9 / 5 + 32, C→K c + 273.15',
};

for (const category of Object.keys(examples) as Category[]) {
  test.describe(`Rule 3: ${category} conversion and format`, () => {
    for (const [value, from, to, expected] of examples[category]) {
      const title = `${value} ${from} → ${to} shows ${expected}`;
      test(title, heldOutExamples.has(title) ? { tag: '@held-out' } : {}, async ({ app }) => {
        await expectConversion(app, category, value, from, to, expected, rules[category]);
      });
    }
  });
}
