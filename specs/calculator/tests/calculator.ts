import { setTimeout as delay } from 'node:timers/promises';
import { expect, PAGE_ACTIVITY_GLOBAL, type AppUnderTest } from '@ndli/ralph/spec';

/** Every key of the contract, by its `data-key` value. */
export const KEYS = [
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
  '.', '+', '-', '*', '/', '=', 'C', 'CE', 'Backspace', 'sqrt', 'pow', '%', 'neg',
] as const;
export type Key = (typeof KEYS)[number];

function isKey(token: string): token is Key {
  return (KEYS as readonly string[]).includes(token);
}

/**
 * Splits a sequence such as `'50 + 10 % ='` into keys. Tokens are separated by spaces; a token made
 * only of digits and points (`50`, `0.1`) stands for its characters typed one by one.
 */
export function keysOf(sequence: string): Key[] {
  const keys: Key[] = [];
  for (const token of sequence.trim().split(/\s+/)) {
    const parts = /^[0-9.]+$/.test(token) ? [...token] : [token];
    for (const part of parts) {
      if (!isKey(part)) throw new Error(`"${part}" in "${sequence}" is not a calculator key (known: ${KEYS.join(' ')})`);
      keys.push(part);
    }
  }
  return keys;
}

/**
 * Clicks `button[data-key="K"]` with the real mouse: find the button, scroll it into view, then press
 * and release the mouse at its centre. The browser hit-tests the point, so a covered or moved button
 * is missed as a user would miss it. (Playwright's `locator.click()` adds actionability checks that
 * cost ~60 ms a key; over a few hundred clicks that is most of the suite's time.)
 */
async function clickKey(app: AppUnderTest, key: Key): Promise<void> {
  const selector = `button[data-key="${key}"]`;
  const centre = await app.page.evaluate((query) => {
    const button = document.querySelector(query);
    if (!button) return undefined;
    button.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const box = button.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }, selector);
  if (!centre) throw new Error(`The page has no ${selector}: the contract requires one button per key.`);
  await app.page.mouse.click(centre.x, centre.y);
}

/** Clicks `button[data-key="K"]` for each key of the sequence, in order. */
export async function press(app: AppUnderTest, sequence: string): Promise<void> {
  const keys = keysOf(sequence);
  await app.perform(`click ${keys.join(' ')}`, async () => {
    for (const key of keys) await clickKey(app, key);
  });
}

/** Presses keyboard keys (Playwright key names or characters, e.g. `'Enter'`, `'^'`) on the page. */
export async function typeKeys(app: AppUnderTest, keys: readonly string[]): Promise<void> {
  await app.perform(`keyboard ${keys.join(' ')}`, async () => {
    for (const key of keys) await app.page.keyboard.press(key);
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Expects the trimmed text of `#display` to be exactly `expected`, retrying until it is (so apps
 * that render in a microtask or animation frame pass). The message names the actions so far and
 * the rule, because it becomes the FIX blocker a model reads.
 */
export async function expectDisplay(app: AppUnderTest, expected: string, rule: string): Promise<void> {
  const pattern = new RegExp(`^\\s*${escapeRegExp(expected)}\\s*$`);
  // Most checks hold at once (apps render in the click's handler): one read answers them. Measured in a full
  // suite on 2 cores, a retrying expect after a click took ~21 ms against a few ms for one read, ~2 s of each
  // worker's 13 s; toHaveText still decides everything else, with the same timeout and message as before.
  if (await displayShowsNow(app, pattern)) return;
  const actions = app.diagnostics.actions.length > 0 ? app.diagnostics.actions.join(', then ') : 'opening the page';
  const message = `After ${actions}: #display should show "${expected}" — ${rule}`;
  // A wrong display that stays wrong while the page is settled is final: an app that fails many checks would
  // otherwise wait out the whole expect timeout on each (about half a weak app's suite, 1 s each). A page that keeps
  // changing, or renders later than that, gets the whole timeout as before. Settled: nothing the page scheduled can
  // still change it (no timer, frame or idle callback, request or animation pending; ralph's probe), or nothing
  // changed for SETTLED_MS where the probe cannot tell (an interval running, say).
  const settled = await displayOnceSettled(app);
  if (settled !== undefined) {
    if (typeof settled === 'string' && pattern.test(settled)) return;
    await expect(app.page.locator('#display'), message).toHaveText(pattern, { timeout: FINAL_CHECK_MS });
    return;
  }
  await expect(app.page.locator('#display'), message).toHaveText(pattern);
}

/** How long nothing in the page may change before what the display shows counts as final. */
const SETTLED_MS = 200;
/** The last, short check of a display that settled on a wrong text (it gives Playwright's usual message). */
const FINAL_CHECK_MS = 100;
/** How long to wait at most for the page to settle: the expect timeout's share (ralph's is 1 s). */
const SETTLE_LIMIT_MS = 700;

/**
 * True when exactly one `#display` shows text matching `pattern` now, read as `toHaveText` reads it (its
 * textContent; only where no shadow root could make the two differ). Anything else — none, several, another
 * text — is left to `toHaveText`, whose verdict and message stay the judge's.
 */
async function displayShowsNow(app: AppUnderTest, pattern: RegExp): Promise<boolean> {
  const text = await readDisplay(app, undefined, 250);
  return typeof text === 'string' && pattern.test(text);
}

/**
 * The display's text once the page has settled (after two animation frames, so a render in a frame is seen): nothing
 * scheduled that could change it, or nothing changed for SETTLED_MS; `null` when there is not exactly one plain
 * `#display`; undefined when the page did not settle within SETTLE_LIMIT_MS (it keeps changing, or does not answer).
 */
async function displayOnceSettled(app: AppUnderTest): Promise<string | null | undefined> {
  return await readDisplay(app, { quietMs: SETTLED_MS, limitMs: SETTLE_LIMIT_MS, activityProbe: PAGE_ACTIVITY_GLOBAL }, SETTLE_LIMIT_MS + 250);
}

/**
 * One read of `#display`'s textContent in the page: at once, or (`settle`) after two animation frames once nothing is
 * scheduled that could change the page (the probe ralph's init script keeps at `window[activityProbe]`) or nothing in
 * it has changed for `quietMs`, giving up after `limitMs`. `null` when there is not exactly one `#display`
 * free of shadow roots; undefined when the page did not settle, or did not answer within `answerMs` (a page that
 * navigates, closes or stops answering is for `toHaveText` to judge).
 */
async function readDisplay(app: AppUnderTest, settle: { quietMs: number; limitMs: number; activityProbe: string } | undefined, answerMs: number): Promise<string | null | undefined> {
  const read = app.page
    .evaluate(
      (settle) =>
        new Promise<string | null | undefined>((resolve) => {
          const text = (): string | null => {
            const found = document.querySelectorAll('#display');
            const display = found[0];
            if (found.length !== 1 || !display || display.shadowRoot || Array.from(display.querySelectorAll('*')).some((element) => element.shadowRoot)) return null;
            return display.textContent;
          };
          if (!settle) return resolve(text());
          const started = performance.now();
          let changed = started;
          const observer = new MutationObserver(() => {
            changed = performance.now();
          });
          observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
          const nothingScheduled = (): boolean => {
            const probe: unknown = Reflect.get(window, settle.activityProbe);
            return typeof probe === 'function' && probe() === true;
          };
          const check = (): void => {
            const now = performance.now();
            const settled = now - changed >= settle.quietMs || nothingScheduled();
            if (!settled && now - started < settle.limitMs) {
              setTimeout(check, 20);
              return;
            }
            observer.disconnect();
            resolve(settled ? text() : undefined);
          };
          requestAnimationFrame(() => requestAnimationFrame(check));
        }),
      settle,
    )
    .catch(() => undefined);
  return await Promise.race([read, delay(answerMs, undefined, { ref: false })]);
}
