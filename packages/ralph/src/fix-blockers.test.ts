import { describe, expect, it } from 'vitest';
import { calculatorLikeVerdict } from './test-fixtures/calculator-like-verdict.js';
import { toFixBlockers } from './fix-blockers.js';
import type { Verdict } from './verdict.js';

describe('toFixBlockers', () => {
  const verdict = calculatorLikeVerdict();

  it('groups failures by describe block, one task per group', () => {
    const tasks = toFixBlockers(verdict);
    expect(tasks.map((task) => task.name)).toEqual(['fix_immediate_execution', 'fix_decimals']);
    expect(tasks[0]?.blockers).toHaveLength(1);
    expect(tasks[1]?.blockers).toHaveLength(3);
  });

  it('writes specific blockers: actions, what is shown, what the contract requires, console errors', () => {
    const [first] = toFixBlockers(verdict);
    expect(first?.blockers[0]).toBe(
      '"2 + 3 * 4 = shows 20 (left to right, no precedence)": after click 2, click +, click 3, click *, click 4, click =, #display shows "14" but the contract requires "20". Console errors: Uncaught TypeError: x is undefined.',
    );
    expect(first?.what_i_know).toContain('1 of 2 tests fail');
    expect(first?.what_i_know).toContain('keep them passing: "2 + 3 = shows 5"');
  });

  it('mentions page errors, dialogs, blocked requests and timeouts', () => {
    const decimals = toFixBlockers(verdict)[1];
    expect(decimals?.blockers[0]).toContain('Uncaught errors in the page: TypeError: Cannot read properties of null');
    expect(decimals?.blockers[0]).toContain('dialogs (alert: hi)');
    expect(decimals?.blockers[0]).toContain('https://cdn.example.com/x.js, which is blocked');
    expect(decimals?.blockers[1]).toContain('after click ., the check failed: Test timeout of 5000ms exceeded.');
    expect(decimals?.blockers[2]).toContain('did not run');
  });

  it('flags regressions by bare or full title', () => {
    const tasks = toFixBlockers(verdict, { regressedTitles: ['decimals › 0.1 + 0.2 = shows 0.3'] });
    expect(tasks[1]?.blockers[0]).toMatch(/^REGRESSION \(this test passed in an earlier round/);
    expect(tasks[1]?.blockers[1]).not.toContain('REGRESSION');
    expect(tasks[1]?.what_i_know).toContain('1 of the failures passed in an earlier round');
  });

  it('returns no task for a passing verdict', () => {
    const passing: Verdict = { ...verdict, failed: 0, passed: verdict.total, failures: [] };
    expect(toFixBlockers(passing)).toEqual([]);
  });

  it('collapses a load hang that fails every test into one task', () => {
    const hung: Verdict = {
      ...verdict,
      passed: 0,
      failures: verdict.failures.map((failure) => ({ ...failure, status: 'failed', message: 'Test timeout of 5000ms exceeded while setting up "app".\n\nError: The app never finished loading: the page did not finish loading' })),
    };
    const tasks = toFixBlockers(hung);
    expect(tasks.map((task) => task.name)).toEqual(['fix_app_load']);
    expect(tasks[0]?.blockers[0]).toMatch(/^The app never finished loading/);
  });
});
