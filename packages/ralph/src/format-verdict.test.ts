import { describe, expect, it } from 'vitest';
import { calculatorLikeVerdict } from './test-fixtures/calculator-like-verdict.js';
import { formatVerdict } from './format-verdict.js';

describe('formatVerdict', () => {
  it('prints counts and each failure with actions, expected vs actual and errors', () => {
    const text = formatVerdict(calculatorLikeVerdict());
    expect(text.split('\n')[0]).toBe('✗ calculator: 2/6 passed, 4 failed in 2.4 s');
    expect(text).toContain('  ✗ immediate execution › 2 + 3 * 4 = shows 20 (left to right, no precedence)  (arithmetic.spec.ts:7, failed)');
    expect(text).toContain('    actions: click 2, click +, click 3, click *, click 4, click =');
    expect(text).toContain('    expected: "20"\n    actual:   "14"');
    expect(text).toContain('    console errors: Uncaught TypeError: x is undefined');
    expect(text).not.toContain('\u001b');
  });

  it('marks a passing verdict with ✓', () => {
    const verdict = calculatorLikeVerdict();
    expect(formatVerdict({ ...verdict, passed: 6, failed: 0, failures: [] }).split('\n')[0]).toBe('✓ calculator: 6/6 passed, 0 failed in 2.4 s');
  });
});
