// Helpers for the unit-converter specs: recorded select/type/click actions and result checks.
import { expect, PAGE_ACTIVITY_GLOBAL, type AppUnderTest } from '@ndli/ralph/spec';
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

/** How long a page that keeps something scheduled (an interval, say) may take before its result counts as shown. */
const SETTLE_LIMIT_MS = 500;

/**
 * Waits until the page has had the chance to show the result of the last action: two animation frames, then until
 * nothing it scheduled (timer, frame, request; ralph's probe) is pending, at most SETTLE_LIMIT_MS. Needed before
 * checking a result that equals the one shown before the action: an auto-retrying check would pass on the old text
 * before an app that renders in a frame or after a timeout has shown the new one.
 */
export async function settle(app: AppUnderTest): Promise<void> {
  await app.page.evaluate(
    ({ probe, limitMs }) =>
      new Promise<void>((resolve) => {
        const started = performance.now();
        const check = (): void => {
          const nothingScheduled: unknown = Reflect.get(window, probe);
          const idle = typeof nothingScheduled === 'function' && nothingScheduled() === true;
          if (idle || performance.now() - started >= limitMs) resolve();
          else setTimeout(check, 20);
        };
        requestAnimationFrame(() => requestAnimationFrame(check));
      }),
    { probe: PAGE_ACTIVITY_GLOBAL, limitMs: SETTLE_LIMIT_MS },
  );
}

/** Expects `#result` to read `expected` once the page has settled (for a result equal to the one shown before). */
export async function expectResultOnceSettled(app: AppUnderTest, expected: string, message: string): Promise<void> {
  await settle(app);
  await expect(result(app), message).toHaveText(expected);
}
