import { describe, expect, it } from 'vitest';
import { mutantDiff } from './mutant-diff.js';

describe('mutantDiff', () => {
  it('shows the changed line before and after, with its 1-based number', () => {
    const source = '<script>\n  if (a === b) go();\n</script>';
    const diff = mutantDiff(source, { id: '1', mutatorName: 'EqualityOperator', replacement: 'a !== b', location: { start: { line: 1, column: 6 }, end: { line: 1, column: 13 } } });
    expect(diff).toBe('line 2:\n- if (a === b) go();\n+ if (a !== b) go();');
  });

  it('folds a removed block spanning lines into its replacement', () => {
    const source = 'function f() {\n  work();\n}';
    const diff = mutantDiff(source, { id: '2', mutatorName: 'BlockStatement', replacement: '{}', location: { start: { line: 0, column: 13 }, end: { line: 2, column: 1 } } });
    expect(diff).toBe('line 1:\n- function f() {\n- work();\n- }\n+ function f() {}');
  });
});
