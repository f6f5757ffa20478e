// Helpers for the sign-up form specs: every user action is recorded, so a failure says what was typed where.
import { expect, test, type AppUnderTest } from '@ndli/ralph/spec';
import type { Locator } from '@playwright/test';

export const FIELDS = ['username', 'email', 'password', 'confirm-password', 'age', 'terms'] as const;
export type Field = (typeof FIELDS)[number];
export type TextField = Exclude<Field, 'terms'>;

/** Values that pass every check; tests override the field they are about. */
export const VALID: Record<TextField, string> = {
  username: 'alice',
  email: 'alice@example.com',
  password: 'Passw0rd',
  'confirm-password': 'Passw0rd',
  age: '30',
};

export function input(app: AppUnderTest, field: Field): Locator {
  return app.page.locator(`#${field}`);
}

/** Replaces the field's value (focusing it), without leaving it. */
export async function type(app: AppUnderTest, field: TextField, value: string): Promise<void> {
  app.record(`fill #${field} with ${JSON.stringify(value)}`);
  await input(app, field).fill(value);
}

/** Moves focus out of the field (it was focused by `type` or `focus`). */
export async function leave(app: AppUnderTest, field: Field): Promise<void> {
  app.record(`blur #${field}`);
  await input(app, field).blur();
}

/** Fills the field and leaves it: the field is touched and shows its error (rule 7). */
export async function enter(app: AppUnderTest, field: TextField, value: string): Promise<void> {
  await type(app, field, value);
  await leave(app, field);
}

/** Focuses the field and leaves it without typing. */
export async function touch(app: AppUnderTest, field: Field): Promise<void> {
  app.record(`focus #${field}`);
  await input(app, field).focus();
  await leave(app, field);
}

/**
 * Blurs the focused element before a click. Leaving a field may show its error and shift the layout;
 * done on mousedown, that shift can move the target away before mouseup, so the test settles it first
 * (the blur is what the click would have done anyway).
 */
async function leaveFocusedField(app: AppUnderTest): Promise<void> {
  await app.page.evaluate(() => {
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && focused !== document.body) focused.blur();
  });
}

export async function setTerms(app: AppUnderTest, checked: boolean): Promise<void> {
  app.record(`${checked ? 'check' : 'uncheck'} #terms`);
  await leaveFocusedField(app);
  await input(app, 'terms').setChecked(checked);
}

export async function submit(app: AppUnderTest): Promise<void> {
  app.record('click #submit');
  await leaveFocusedField(app);
  await app.page.locator('#submit').click();
}

/** Fills every field with a valid value except those overridden (`terms: false` leaves it unchecked). */
export async function fillForm(
  app: AppUnderTest,
  overrides: Partial<Record<TextField, string>> & { terms?: boolean } = {},
): Promise<void> {
  for (const field of FIELDS) {
    if (field === 'terms') {
      if (overrides.terms ?? true) await setTerms(app, true);
    } else {
      await type(app, field, overrides[field] ?? VALID[field]);
    }
  }
}

/**
 * The error element's trimmed text as the user sees it: `""` when empty, the text plus ` (hidden)`
 * when it has text but is not visible, `<no [data-error-for="F"] element>` when missing.
 */
async function readErrors(app: AppUnderTest): Promise<Record<Field, string>> {
  return app.page.evaluate((fields) => {
    const errors: Record<string, string> = {};
    for (const field of fields) {
      const element = document.querySelector(`[data-error-for="${field}"]`);
      if (!element) {
        errors[field] = `<no [data-error-for="${field}"] element>`;
        continue;
      }
      const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ');
      errors[field] = text !== '' && !element.checkVisibility() ? `${text} (hidden)` : text;
    }
    return errors as Record<(typeof fields)[number], string>;
  }, FIELDS);
}

/** Asserts the error shown for one field (`""` = no error shown). */
export async function expectError(app: AppUnderTest, field: Field, expected: string, message: string): Promise<void> {
  const shown = expected === '' ? 'must show no error (be empty)' : `must show exactly "${expected}", visible`;
  await expect
    .poll(async () => (await readErrors(app))[field], { message: `${message}: [data-error-for="${field}"] ${shown}` })
    .toBe(expected);
}

/** Asserts the errors of all six fields at once. */
export async function expectErrors(app: AppUnderTest, expected: Record<Field, string>, message: string): Promise<void> {
  await expect
    .poll(() => readErrors(app), { message: `${message} — text of each [data-error-for] element ("" = no error shown)` })
    .toEqual(expected);
}

export const NO_ERRORS: Record<Field, string> = {
  username: '',
  email: '',
  password: '',
  'confirm-password': '',
  age: '',
  terms: '',
};

const REQUIRED: Record<TextField, string> = {
  username: 'Username is required',
  email: 'Email is required',
  password: 'Password is required',
  'confirm-password': 'Please confirm your password',
  age: 'Age is required',
};

/**
 * For each value: enters it (fill + blur) and checks the field's error. When the expected error equals
 * the one already shown, a value with a different outcome is entered and checked first (valid, or empty
 * when a valid value is expected), so that each check sees a fresh result rather than a leftover one.
 */
export async function expectErrorsFor(
  app: AppUnderTest,
  field: TextField,
  cases: readonly (readonly [value: string, error: string])[],
  rule: string,
): Promise<void> {
  // Up to two fills, blurs and reads per value: on a loaded 2-core machine a list of them can outlast the 5 s
  // default timeout although the app answers at once (a wrong answer still fails at its first 1 s expect).
  if (cases.length > 1) test.slow();
  let shown = '';
  for (const [value, error] of cases) {
    if (error === shown) {
      const [other, otherError] = error === '' ? ['', REQUIRED[field]] : [VALID[field], ''];
      await enter(app, field, other);
      await expectError(app, field, otherError, `After entering ${field} ${JSON.stringify(other)} and leaving the field (${rule})`);
    }
    await enter(app, field, value);
    await expectError(app, field, error, `After entering ${field} ${JSON.stringify(value)} and leaving the field (${rule})`);
    shown = error;
  }
}

export async function expectSuccess(app: AppUnderTest, expected: string, message: string): Promise<void> {
  const success = app.page.locator('#success');
  await expect(success, `${message}: #success must read exactly ${JSON.stringify(expected)}`).toHaveText(expected);
  if (expected !== '') await expect(success, `${message}: #success must be visible`).toBeVisible();
}

const CLOCK_ORIGIN = Date.UTC(2026, 0, 1, 9, 0, 0);

/**
 * Installs Playwright's fake clock, reloads the app under it and pauses time, so no timer fires unless
 * a test lets time pass. The fixture opened the app before the test body, hence the reload.
 */
export async function useFakeClock(app: AppUnderTest): Promise<void> {
  await app.page.clock.install({ time: CLOCK_ORIGIN });
  await app.open();
  // Time flows naturally until paused; a minute ahead is always later than the page load.
  await app.page.clock.pauseAt(CLOCK_ORIGIN + 60_000);
  app.record('load the page (time paused; it moves only when stated below)');
}

/** Advances the paused clock by `ms`, firing the timers and animation frames due on the way. */
export async function letTimePass(app: AppUnderTest, ms: number): Promise<void> {
  app.record(`let ${ms} ms pass`);
  await app.page.clock.runFor(ms);
}
