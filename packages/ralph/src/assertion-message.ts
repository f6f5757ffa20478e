// Reading Playwright error messages: colours out, expected/received values out.

// CSI sequences (colours, cursor) and OSC hyperlinks.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

const EXPECTED_LINE = /^\s*Expected(?: [a-z]+)*:\s?(.*)$/m;
const RECEIVED_LINE = /^\s*Received(?: [a-z]+)*:\s?(.*)$/m;

// A pattern that only says "exactly this text, surrounding whitespace allowed": /^\s*20\s*$/ (what specs use to
// compare trimmed text). Its literal part may hold escaped metacharacters (\. \+) but no live ones.
const EXACT_TEXT_PATTERN = /^\/\^(?:\\s\*)?((?:[^\\^$.|?*+()[\]{}/]|\\[\\^$.|?*+()[\]{}/-])*?)(?:\\s\*)?\$\/[a-z]*$/;

/**
 * An expected value as a person states it: Playwright reports a regex such as `/^\s*0\.3\s*$/` when a spec
 * compares trimmed text; that is the text "0.3". Anything else is kept as Playwright wrote it.
 */
export function readableExpected(expected: string): string {
  const literal = EXACT_TEXT_PATTERN.exec(expected)?.[1];
  if (literal === undefined) return expected;
  return JSON.stringify(literal.replace(/\\(.)/g, '$1'));
}

/** `Expected string: "20"` / `Received string: "14"` (and `Expected: …`, `Expected pattern: …`) → the two values. */
export function parseExpectedActual(message: string): { expected?: string; actual?: string } {
  const text = stripAnsi(message);
  const expected = EXPECTED_LINE.exec(text)?.[1]?.trim();
  const actual = RECEIVED_LINE.exec(text)?.[1]?.trim();
  return {
    ...(expected !== undefined && expected !== '' ? { expected: readableExpected(expected) } : {}),
    ...(actual !== undefined && actual !== '' ? { actual } : {}),
  };
}

/** The message without Playwright's call log and code frame: what went wrong, not how it was polled. */
export function headline(message: string): string {
  const text = stripAnsi(message);
  const cut = text.search(/\n\s*(?:Call log:|\d+ \| |> ?\d+ \|)/);
  const kept = (cut === -1 ? text : text.slice(0, cut)).trim();
  return kept.replace(/^Error:\s*/, '');
}
