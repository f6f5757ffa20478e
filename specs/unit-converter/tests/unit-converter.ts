// Helpers for the unit-converter specs: recorded select/type/click actions and result checks.
import { expect, type AppUnderTest } from '@ndli/ralph/spec';
import type { Locator } from '@playwright/test';

export type Category = 'length' | 'mass' | 'temperature';

export const result = (app: AppUnderTest): Locator => app.page.locator('#result');
export const valueInput = (app: AppUnderTest): Locator => app.page.locator('#value');
export const fromUnit = (app: AppUnderTest): Locator => app.page.locator('#from-unit');
export const toUnit = (app: AppUnderTest): Locator => app.page.locator('#to-unit');

export async function chooseCategory(app: AppUnderTest, category: Category): Promise<void> {
  app.record(`select "${category}" in #category`);
  await app.page.locator('#category').selectOption(category);
}

export async function chooseUnits(app: AppUnderTest, from: string, to: string): Promise<void> {
  app.record(`select "${from}" in #from-unit and "${to}" in #to-unit`);
  await fromUnit(app).selectOption(from);
  await toUnit(app).selectOption(to);
}

/** Replaces the text of `#value` (fires `input` events, no Enter, no blur). */
export async function typeValue(app: AppUnderTest, text: string): Promise<void> {
  app.record(`type ${JSON.stringify(text)} into #value`);
  await valueInput(app).fill(text);
}

export async function swap(app: AppUnderTest): Promise<void> {
  app.record('click #swap');
  await app.page.locator('#swap').click();
}

/** Selects category and units, types the value and expects `#result` to read `expected`. */
export async function expectConversion(app: AppUnderTest, category: Category, value: string, from: string, to: string, expected: string, rule: string): Promise<void> {
  if (category !== 'length') await chooseCategory(app, category);
  await chooseUnits(app, from, to);
  await typeValue(app, value);
  await expect(result(app), `${category}: typed ${JSON.stringify(value)} with ${from} → ${to}: #result should read "${expected}" (${rule})`).toHaveText(expected);
}

/** The `value`s of the options of a select, in document order. */
export function optionValues(select: Locator): () => Promise<string[]> {
  return () => select.locator('option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
}
