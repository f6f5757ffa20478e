import { describe, expect, it } from 'vitest';
import { findStartUrl, rewriteStartUrl } from './start-url.js';

describe('findStartUrl', () => {
  it('takes the URL the tests navigate to most often, and lists other sites apart', () => {
    const found = findStartUrl([
      "await page.goto('https://demo.playwright.dev/todomvc');",
      "await page.goto('https://demo.playwright.dev/todomvc'); await page.goto(\"https://demo.playwright.dev/todomvc/#/active\");",
      "await page.goto('https://example.com/login');",
    ]);
    expect(found).toEqual({ url: 'https://demo.playwright.dev/todomvc', others: ['https://example.com/login'] });
  });

  it('finds nothing in a suite that already navigates relative to its baseURL', () => {
    expect(findStartUrl(["await page.goto('/');"])).toBeUndefined();
  });
});

describe('rewriteStartUrl', () => {
  it('makes the start URL and its extensions relative to /, reporting each change by line, and touches nothing else', () => {
    const text = [
      "const START = 'https://demo.playwright.dev/todomvc/';",
      "await page.goto('https://demo.playwright.dev/todomvc');",
      'await page.goto(`https://demo.playwright.dev/todomvc/#/active`);',
      "await page.goto('https://demo.playwright.dev/todomvcx');",
      "expect(page).toHaveURL('https://example.com/');",
    ].join('\n');
    const result = rewriteStartUrl(text, 'https://demo.playwright.dev/todomvc', 'tests/todo.spec.ts');
    expect(result.text.split('\n')).toEqual([
      "const START = '/';",
      "await page.goto('/');",
      'await page.goto(`/#/active`);',
      "await page.goto('https://demo.playwright.dev/todomvcx');",
      "expect(page).toHaveURL('https://example.com/');",
    ]);
    expect(result.rewrites.map((rewrite) => rewrite.line)).toEqual([1, 2, 3]);
    expect(result.rewrites[2]).toEqual({ file: 'tests/todo.spec.ts', line: 3, from: '`https://demo.playwright.dev/todomvc/#/active`', to: '`/#/active`' });
  });
});
