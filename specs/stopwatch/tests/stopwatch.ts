// Helpers for the stopwatch specs: a paused fake clock, recorded clicks and time steps, display parsing.
import { expect, type AppUnderTest } from '@ndli/ralph/spec';
import type { Locator } from '@playwright/test';

export type ButtonId = 'start' | 'stop' | 'reset' | 'lap';
const buttonIds: ButtonId[] = ['start', 'stop', 'reset', 'lap'];

const CLOCK_ORIGIN = Date.UTC(2026, 0, 1, 9, 0, 0);

export const display = (app: AppUnderTest): Locator => app.page.locator('#display');
export const laps = (app: AppUnderTest): Locator => app.page.locator('#laps [data-lap]');

/**
 * Installs Playwright's fake clock, reloads the app under it and pauses time, so time only moves
 * when a test says so. The fixture opened the app before the test body, hence the reload.
 */
export async function useFakeClock(app: AppUnderTest): Promise<void> {
  await app.page.clock.install({ time: CLOCK_ORIGIN });
  await app.open();
  // Time flows naturally until paused; a minute ahead is always later than the page load.
  await app.page.clock.pauseAt(CLOCK_ORIGIN + 60_000);
  app.record('load the page (time paused; it moves only when stated below)');
  await letRender(app);
}

/**
 * How long time moves so the app can show the result of an action: an app may render on the next animation
 * frame (≤ 16 ms on Playwright's clock) or after setTimeout(0), and a paused clock fires neither until it moves.
 */
export const RENDER_MS = 100;

/**
 * Lets RENDER_MS pass so a deferred render happens. Only where that time changes nothing the test checks: while
 * idle or stopped (the elapsed time is frozen), or while running before checking laps or buttons (never the display).
 */
export async function letRender(app: AppUnderTest): Promise<void> {
  app.record(`let ${RENDER_MS} ms pass (the app may render on a later frame)`);
  await app.page.clock.runFor(RENDER_MS);
}

/**
 * Clicks a button. After #stop or #reset (the elapsed time is frozen afterwards) it also lets the app render,
 * so the next click finds the buttons of the new state enabled and the next check sees the new display.
 */
export async function click(app: AppUnderTest, id: ButtonId): Promise<void> {
  app.record(`click #${id}`);
  await app.page.locator(`#${id}`).click();
  if (id === 'stop' || id === 'reset') await letRender(app);
}

/** Clicks a button that is disabled as a user would (Playwright would otherwise wait for it to become enabled). */
export async function clickDisabled(app: AppUnderTest, id: ButtonId): Promise<void> {
  app.record(`click the disabled #${id}`);
  await app.page.locator(`#${id}`).click({ force: true });
}

/** Advances time by `ms`, firing every timer and animation frame due on the way. */
export async function run(app: AppUnderTest, ms: number): Promise<void> {
  app.record(`let ${ms} ms pass`);
  await app.page.clock.runFor(ms);
}

/** Jumps `ms` ahead at once; due timers fire at most once (like a throttled background tab). */
export async function jump(app: AppUnderTest, ms: number): Promise<void> {
  app.record(`jump ${ms} ms ahead at once (clock.fastForward: timers fire at most once)`);
  await app.page.clock.fastForward(ms);
}

/** Parses `MM:SS.cc` or `H:MM:SS.cc` into milliseconds, or NaN when the text has another shape. */
export function parseTime(text: string): number {
  const match = /^(?:(\d+):)?(\d{2}):(\d{2})\.(\d{2})$/.exec(text.trim());
  if (!match) return Number.NaN;
  const [, hours = '0', minutes = '0', seconds = '0', hundredths = '0'] = match;
  return ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 + Number(hundredths) * 10;
}

/**
 * While running, the display may lag by up to one refresh (≤ 50 ms) and truncates to hundredths,
 * so it must lie in (elapsed − 60 ms, elapsed].
 */
export async function expectRunningDisplay(app: AppUnderTest, elapsed: number, context: string): Promise<void> {
  const shown = async (): Promise<number> => parseTime((await display(app).textContent()) ?? '');
  await expect
    .poll(shown, { message: `${context}: #display should show between ${elapsed - 60} and ${elapsed} ms (time measured with Date.now()/performance.now(), display refreshed at least every 50 ms, format MM:SS.cc truncated)` })
    .toBeGreaterThanOrEqual(elapsed - 60);
  await expect.poll(shown, { message: `${context}: #display should not show more than the ${elapsed} ms elapsed` }).toBeLessThanOrEqual(elapsed);
}

export async function expectDisplay(app: AppUnderTest, text: string, context: string): Promise<void> {
  await expect(display(app), `${context}: #display should read "${text}"`).toHaveText(text);
}

/** Exactly `enabled` are enabled; the other buttons are disabled (rule 6). */
export async function expectEnabled(app: AppUnderTest, enabled: ButtonId[], context: string): Promise<void> {
  for (const id of buttonIds) {
    const button = app.page.locator(`#${id}`);
    if (enabled.includes(id)) await expect(button, `${context}: #${id} should be enabled (rule 6)`).toBeEnabled();
    else await expect(button, `${context}: #${id} should be disabled (rule 6)`).toBeDisabled();
  }
}

export interface ExpectedLap {
  lap: number;
  lapTime: string;
  total: string;
}

/** The laps, newest first, as `[data-lap]` number, lap time and total time (rule 5). */
export async function expectLaps(app: AppUnderTest, expected: ExpectedLap[], context: string): Promise<void> {
  await expect(laps(app), `${context}: #laps should hold ${expected.length} [data-lap] element(s) (rule 5)`).toHaveCount(expected.length);
  for (const [index, want] of expected.entries()) {
    const row = laps(app).nth(index);
    const where = `${context}: [data-lap] #${index + 1} in #laps (newest first)`;
    await expect(row, `${where} should have data-lap="${want.lap}" (rule 5)`).toHaveAttribute('data-lap', String(want.lap));
    await expect(row.locator('[data-role="lap-time"]'), `${where} should have lap time "${want.lapTime}" (rule 5)`).toHaveText(want.lapTime);
    await expect(row.locator('[data-role="total-time"]'), `${where} should have total time "${want.total}" (rule 5)`).toHaveText(want.total);
  }
}
