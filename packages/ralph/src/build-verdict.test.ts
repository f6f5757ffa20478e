import { describe, expect, it } from 'vitest';
import { PlaywrightReportSchema } from './playwright-report.js';
import { calculatorLikeVerdict } from './test-fixtures/calculator-like-verdict.js';
import { VerdictSchema } from './verdict.js';

describe('buildVerdict', () => {
  const verdict = calculatorLikeVerdict();

  it('counts tests from the JSON report, with describe paths', () => {
    expect(VerdictSchema.safeParse(verdict).success).toBe(true);
    expect([verdict.total, verdict.passed, verdict.failed, verdict.skipped]).toEqual([6, 2, 4, 0]);
    expect(verdict.tests[0]).toEqual({ title: 'the display starts at 0', describePath: [], file: 'arithmetic.spec.ts', line: 3, status: 'passed', durationMs: 120 });
    expect(verdict.tests.map((test) => test.describePath.join('/'))).toEqual(['', 'immediate execution', 'immediate execution', 'decimals', 'decimals', 'decimals']);
  });

  it('turns an ANSI-coloured toHaveText failure into expected/actual, actions and evidence', () => {
    const failure = verdict.failures[0];
    expect(failure).toMatchObject({
      title: '2 + 3 * 4 = shows 20 (left to right, no precedence)',
      group: 'immediate execution',
      file: 'arithmetic.spec.ts',
      line: 7,
      expected: '"20"',
      actual: '"14"',
      actions: ['click 2', 'click +', 'click 3', 'click *', 'click 4', 'click ='],
      consoleErrors: ['Uncaught TypeError: x is undefined'],
      screenshot: '/out/results/a/test-failed-1.png',
      trace: '/out/results/a/trace.zip',
    });
    expect(failure?.message).not.toContain('\u001b');
    expect(failure?.message).toContain('Expected: "20"');
  });

  it('keeps page errors, dialogs and blocked requests from the diagnostics attachment', () => {
    expect(verdict.failures[1]).toMatchObject({
      expected: '"0.3"',
      actual: '"0.30000000000000004"',
      pageErrors: ["TypeError: Cannot read properties of null (reading 'textContent')"],
      dialogs: ['alert: hi'],
      blockedRequests: ['https://cdn.example.com/x.js'],
    });
  });

  it('reports timeouts without inventing values, and tests that never ran as failures', () => {
    const timedOut = verdict.failures[2];
    expect(timedOut?.status).toBe('timedOut');
    expect(timedOut?.expected).toBeUndefined();
    expect(timedOut?.message).toContain('Test timeout of 5000ms exceeded.');
    expect(verdict.failures[3]).toMatchObject({ title: 'never reached', status: 'didNotRun', actions: [] });
  });

  it('rejects a report of another shape', () => {
    expect(PlaywrightReportSchema.safeParse({ suites: 'nope' }).success).toBe(false);
  });
});
