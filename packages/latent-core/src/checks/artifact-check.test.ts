import { describe, expect, it } from 'vitest';
import { CALCULATOR_HTML } from '../test-fixtures/calculator-states.js';
import { checkArtifactHtml } from './artifact-check.js';

describe('checkArtifactHtml', () => {
  it('accepts a complete calculator document', () => {
    expect(checkArtifactHtml(CALCULATOR_HTML)).toEqual([]);
  });

  it('accepts a module script', () => {
    expect(checkArtifactHtml("<html><body><script type=\"module\">import { a } from './a.js'; a();</script></body></html>")).toEqual([]);
  });

  it('rejects an empty answer', () => {
    expect(checkArtifactHtml('  \n')).toEqual([expect.stringContaining('empty')]);
  });

  it('rejects a fragment without <html> and <body>', () => {
    const issues = checkArtifactHtml('<div id="display">0</div><script>let displayValue = 0;</script>');
    expect(issues).toEqual([expect.stringContaining('no <html> tag'), expect.stringContaining('no <body> tag')]);
  });

  it('rejects a document without inline script (an external script does not count)', () => {
    const issues = checkArtifactHtml('<!DOCTYPE html><html><head><script src="app.js"></script></head><body><div id="display">0</div></body></html>');
    expect(issues).toEqual([expect.stringContaining('no inline <script>')]);
  });

  it('ignores JSON data scripts but still requires code', () => {
    const issues = checkArtifactHtml('<html><body><script type="application/json">{"a": 1}</script></body></html>');
    expect(issues).toEqual([expect.stringContaining('no inline <script>')]);
  });

  it('rejects a script with a syntax error and says where', () => {
    const broken = CALCULATOR_HTML.replace('function evaluate() {', 'function evaluate( {');
    const issues = checkArtifactHtml(broken);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/<script> starting at line 1\d has a JavaScript syntax error/);
  });

  it('rejects prose', () => {
    expect(checkArtifactHtml('Here is the calculator you asked for. It has a display and buttons.').length).toBeGreaterThanOrEqual(2);
  });
});
