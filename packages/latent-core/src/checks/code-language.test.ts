import { describe, expect, it } from 'vitest';
import {
  CLEAR_CODE,
  DISPLAY_CODE,
  EQUALS_CODE,
  KEYBOARD_CODE,
  MARKUP_CODE,
  STYLE_CODE,
} from '../test-fixtures/calculator-states.js';
import { detectCodeLanguage, parseJavaScriptProgram } from './code-language.js';

describe('detectCodeLanguage', () => {
  it.each([
    ['a function declaration', DISPLAY_CODE],
    ['state resets', CLEAR_CODE],
    ['a switch over operators', EQUALS_CODE],
    ['an event listener with an arrow function', KEYBOARD_CODE],
    ['module syntax', "import { add } from './math.js';\nexport const total = add(1, 2);"],
    ['a method fragment (class member)', "handleKey(event) {\n  if (event.key === 'Enter') this.evaluate();\n}"],
    ['an object member fragment', "add: (a, b) => a + b,\nsubtract: (a, b) => a - b"],
  ])('recognises JavaScript: %s', (_label, code) => {
    expect(detectCodeLanguage(code)).toBe('javascript');
  });

  it('recognises HTML made of real elements', () => {
    expect(detectCodeLanguage(MARKUP_CODE)).toBe('html');
    expect(detectCodeLanguage('<!DOCTYPE html><html><body></body></html>')).toBe('html');
  });

  it('recognises CSS rules, including an at-rule with nested rules', () => {
    expect(detectCodeLanguage(STYLE_CODE)).toBe('css');
    expect(detectCodeLanguage('@media (max-width: 400px) { .calculator { grid-template-columns: repeat(4, 2rem); } }')).toBe('css');
    expect(detectCodeLanguage(':root { --accent: #f90; }\nbutton:hover { background: var(--accent); }')).toBe('css');
  });

  it.each([
    ['an English sentence', 'Use Math.pow(base, exponent) to compute the power and then update the display.'],
    ['a plan', 'First store the operand, then wait for the second number, then apply the operator when = is pressed.'],
    ['a quoted sentence (parses as a JS string statement)', '"Call updateDisplay after every digit is typed by the user"'],
    ['only a comment', '// TODO: implement the keyboard handler later on'],
    ['pseudo-code', 'IF key IS digit THEN append digit TO display ELSE IF key IS operator THEN store it'],
    ['prose mentioning a tag', 'Use a <div id="display"> to show the value and buttons for <button>'],
    ['prose that ends with a tag mention', 'The markup needs a grid of buttons inside a <div>'],
    ['whitespace', '                         '],
  ])('rejects %s', (_label, text) => {
    expect(detectCodeLanguage(text)).toBeUndefined();
  });
});

describe('parseJavaScriptProgram', () => {
  it('reports the syntax error of broken code', () => {
    const result = parseJavaScriptProgram('function evaluate( { return 1; }');
    expect('error' in result && result.error).toMatch(/Unexpected .*\(1:\d+\)/);
  });

  it('parses module code only when asked for a module or when the script parse fails', () => {
    expect('program' in parseJavaScriptProgram("import x from './x.js';")).toBe(true);
    expect('error' in parseJavaScriptProgram("import x from './x.js';", 'script')).toBe(true);
  });
});
