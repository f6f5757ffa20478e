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

  it('shows judge errors and flaky tests apart from failures, and whether the OS sandbox was on', () => {
    const verdict = calculatorLikeVerdict();
    const text = formatVerdict({
      ...verdict,
      passed: 5,
      failed: 0,
      failures: [],
      judgeErrors: [{ title: 'x', describePath: ['group'], file: 'a.spec.ts', line: 3, message: "browserContext.close: ENOENT: no such file or directory, open '/out/.playwright-artifacts-1/traces/r.trace'" }],
      flaky: ['group › y'],
      sandbox: { osSandbox: false, reason: 'running as root' },
    });
    expect(text.split('\n')[0]).toBe('? calculator: 5/6 passed, 0 failed, 1 not judged (harness errors), 1 flaky in 2.4 s');
    expect(text).toContain('  ? not judged (harness error, twice): group › x  (a.spec.ts:3)');
    expect(text).toContain('      browserContext.close: ENOENT');
    expect(text).toContain('  ~ flaky (failed, then passed on its re-run): group › y');
    expect(text).toContain('(system), OS sandbox off');
    expect(text).not.toContain('  ✗ group › x');
  });
});
