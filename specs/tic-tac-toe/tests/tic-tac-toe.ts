// Helpers for the tic-tac-toe specs: every user action is recorded, so a failure says which moves led to it.
import { expect, type AppUnderTest } from '@ndli/ralph/spec';
import type { Locator } from '@playwright/test';

export type Mark = 'X' | 'O';
export const LINES: readonly (readonly [number, number, number])[] = [
  [0, 1, 2], [3, 4, 5], [6, 7, 8],
  [0, 3, 6], [1, 4, 7], [2, 5, 8],
  [0, 4, 8], [2, 4, 6],
];

export function cell(app: AppUnderTest, index: number): Locator {
  return app.page.locator(`[data-cell="${index}"]`);
}

/** `[0, 3, 1]` → `X 0, O 3, X 1` (X always moves first). */
export function describeMoves(moves: readonly number[]): string {
  return moves.map((index, turn) => `${turn % 2 === 0 ? 'X' : 'O'} ${index}`).join(', ');
}

/** Clicks the cells in order, each one a move that the rules accept. */
export async function play(app: AppUnderTest, ...moves: number[]): Promise<void> {
  for (const index of moves) {
    app.record(`click [data-cell="${index}"]`);
    await cell(app, index).click();
  }
}

/**
 * Clicks a cell the rules say must ignore the click (occupied, or game over). Forced, because an app
 * may legitimately disable such cells; a disabled button simply receives no click.
 */
export async function clickIgnored(app: AppUnderTest, index: number): Promise<void> {
  app.record(`click [data-cell="${index}"]`);
  await cell(app, index).click({ force: true });
}

export async function restart(app: AppUnderTest): Promise<void> {
  app.record('click #restart');
  await app.page.locator('#restart').click();
}

/** The board as rows top to bottom, `.` for an empty cell, `?` for a missing one, `[text]` for any other text. */
async function readBoard(app: AppUnderTest): Promise<string> {
  const marks = await app.page.evaluate(() =>
    Array.from({ length: 9 }, (_, index) => {
      const element = document.querySelector(`[data-cell="${index}"]`);
      if (!element) return '?';
      const text = (element.textContent ?? '').trim();
      if (text === '') return '.';
      return text === 'X' || text === 'O' ? text : `[${text}]`;
    }),
  );
  return [marks.slice(0, 3), marks.slice(3, 6), marks.slice(6, 9)].map((row) => row.join('')).join('/');
}

/** `expected` is rows top to bottom separated by `/`, `.` for empty: `XO./.X./..O`. */
export async function expectBoard(app: AppUnderTest, expected: string, message: string): Promise<void> {
  await expect
    .poll(() => readBoard(app), {
      message: `${message} — board shown as rows top to bottom ("." = empty cell, "?" = no [data-cell] element)`,
    })
    .toBe(expected);
}

export async function expectStatus(app: AppUnderTest, expected: string, message: string): Promise<void> {
  await expect(app.page.locator('#status'), message).toHaveText(expected);
}

/** The indices of the cells with `data-win="true"`, ascending. */
async function readWinCells(app: AppUnderTest): Promise<number[]> {
  return app.page.evaluate(() =>
    Array.from({ length: 9 }, (_, index) => index).filter(
      (index) => document.querySelector(`[data-cell="${index}"]`)?.getAttribute('data-win') === 'true',
    ),
  );
}

export async function expectWinCells(app: AppUnderTest, expected: readonly number[], message: string): Promise<void> {
  await expect
    .poll(() => readWinCells(app), { message: `${message} — list of cells having data-win="true"` })
    .toEqual([...expected].sort((a, b) => a - b));
}

export interface Scores {
  x: number;
  o: number;
  draws: number;
}

/** Reads all three scores in one round trip (`?` for a missing element). */
async function readScores(app: AppUnderTest): Promise<string> {
  return app.page.evaluate(() =>
    ['score-x', 'score-o', 'score-draws']
      .map((id) => `#${id}=${(document.getElementById(id)?.textContent ?? '?').trim()}`)
      .join(' '),
  );
}

export async function expectScores(app: AppUnderTest, expected: Scores, message: string): Promise<void> {
  await expect
    .poll(() => readScores(app), { message: `${message} — scores shown as #score-x (X wins), #score-o (O wins), #score-draws (draws)` })
    .toBe(`#score-x=${expected.x} #score-o=${expected.o} #score-draws=${expected.draws}`);
}

/** Two cells outside `line`, for O to play while X completes `line` in five moves. */
export function winningGame(line: readonly number[]): number[] {
  const others = [0, 1, 2, 3, 4, 5, 6, 7, 8].filter((index) => !line.includes(index));
  const [first, second, third] = line;
  const [oFirst, oSecond] = others;
  if (first === undefined || second === undefined || third === undefined || oFirst === undefined || oSecond === undefined) {
    throw new Error(`not a line: ${line.join(' ')}`);
  }
  return [first, oFirst, second, oSecond, third];
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
