import { describe, expect, it } from 'vitest';
import { headline, parseExpectedActual, readableExpected, stripAnsi } from './assertion-message.js';

const E = '\u001b';

describe('stripAnsi', () => {
  it('removes colour codes and keeps the text', () => {
    expect(stripAnsi(`Expected: ${E}[32m"20"${E}[39m`)).toBe('Expected: "20"');
    expect(stripAnsi(`${E}[2mexpect(${E}[22m${E}[31mlocator${E}[39m`)).toBe('expect(locator');
  });
});

describe('parseExpectedActual', () => {
  it('reads toHaveText values through ANSI codes', () => {
    expect(parseExpectedActual(`Locator: locator('#d')\nExpected: ${E}[32m"20"${E}[39m\nReceived: ${E}[31m"14"${E}[39m\nTimeout: 1000ms`)).toEqual({ expected: '"20"', actual: '"14"' });
  });
  it('reads typed forms (Expected string / Received string, Expected pattern)', () => {
    expect(parseExpectedActual('Expected string: "0.3"\nReceived string: "0.30000000000000004"')).toEqual({ expected: '"0.3"', actual: '"0.30000000000000004"' });
    expect(parseExpectedActual('Expected pattern: /^5$/\nReceived string: "6"')).toEqual({ expected: '"5"', actual: '"6"' });
  });
  it('returns nothing for errors without values (timeouts)', () => {
    expect(parseExpectedActual('Test timeout of 5000ms exceeded.')).toEqual({});
  });
});

describe('readableExpected', () => {
  it('turns an exact-trimmed-text pattern into the text it requires', () => {
    expect(readableExpected(String.raw`/^\s*20\s*$/`)).toBe('"20"');
    expect(readableExpected(String.raw`/^\s*0\.333333333333\s*$/`)).toBe('"0.333333333333"');
    expect(readableExpected(String.raw`/^\s*1e\+21\s*$/`)).toBe('"1e+21"');
    expect(readableExpected(String.raw`/^Error$/`)).toBe('"Error"');
    expect(readableExpected(String.raw`/^\s*-5\s*$/i`)).toBe('"-5"');
  });
  it('keeps patterns that match more than one text, and plain values, as they are', () => {
    expect(readableExpected(String.raw`/^\s*2.0\s*$/`)).toBe(String.raw`/^\s*2.0\s*$/`);
    expect(readableExpected(String.raw`/^\d+$/`)).toBe(String.raw`/^\d+$/`);
    expect(readableExpected('/Error/')).toBe('/Error/');
    expect(readableExpected('"20"')).toBe('"20"');
  });
  it('is applied to parsed assertion values', () => {
    expect(parseExpectedActual(String.raw`Expected pattern: /^\s*20\s*$/` + '\nReceived string: "14"')).toEqual({ expected: '"20"', actual: '"14"' });
  });
});

describe('headline', () => {
  it('drops the call log and the code frame', () => {
    expect(headline('Error: locator.click: Timeout 2000ms exceeded.\nCall log:\n  - waiting for locator')).toBe('locator.click: Timeout 2000ms exceeded.');
  });
});
