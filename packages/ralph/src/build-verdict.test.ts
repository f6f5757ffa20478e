import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildVerdict } from './build-verdict.js';
import { PlaywrightReportSchema } from './playwright-report.js';
import { calculatorLikeContext, calculatorLikeReportPath as reportPath, calculatorLikeVerdict } from './test-fixtures/calculator-like-verdict.js';
import { VerdictSchema, verdictOutcome } from './verdict.js';

const context = calculatorLikeContext;

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

  it('leaves tests skipped on purpose out of the total, so a verdict with nothing failing is green', () => {
    const report = PlaywrightReportSchema.parse(JSON.parse(readFileSync(reportPath, 'utf8')));
    const specs = report.suites[0]?.specs ?? [];
    const passedTest = specs[0]?.tests[0];
    if (!passedTest) throw new Error('the recorded report has no passing test');
    const skippedTest = { ...passedTest, expectedStatus: 'skipped', status: 'skipped' as const, results: [{ ...passedTest.results[0]!, status: 'skipped' as const }] };
    const onlyPassAndSkip = { ...report, suites: [{ ...report.suites[0]!, suites: [], specs: [{ ...specs[0]!, tests: [passedTest] }, { ...specs[0]!, title: 'later', tests: [skippedTest] }] }] };
    const verdict = buildVerdict(onlyPassAndSkip, context);
    expect([verdict.total, verdict.passed, verdict.failed, verdict.skipped]).toEqual([1, 1, 0, 1]);
    expect(verdictOutcome(verdict)).toBe('green');
  });

  it('puts a harness error in judgeErrors, never in failures', () => {
    const report = PlaywrightReportSchema.parse(JSON.parse(readFileSync(reportPath, 'utf8')));
    const specs = report.suites[0]?.specs ?? [];
    const passedTest = specs[0]?.tests[0];
    if (!passedTest) throw new Error('the recorded report has no passing test');
    const harness = { message: "Error: browserContext.close: ENOENT: no such file or directory, open '/out/results/.playwright-artifacts-1/traces/x-recording116.trace'" };
    const broken = { ...passedTest, status: 'unexpected' as const, results: [{ ...passedTest.results[0]!, status: 'failed' as const, errors: [harness] }] };
    const verdict = buildVerdict({ ...report, suites: [{ ...report.suites[0]!, suites: [], specs: [{ ...specs[0]!, tests: [broken] }] }] }, context);
    expect(verdict.failures).toEqual([]);
    expect(verdict.judgeErrors).toEqual([expect.objectContaining({ title: 'the display starts at 0', message: expect.stringContaining('.playwright-artifacts-1') })]);
    expect(verdict.tests[0]?.status).toBe('judge-error');
    expect([verdict.total, verdict.passed, verdict.failed]).toEqual([1, 0, 0]);
    expect(verdictOutcome(verdict)).toBe('judge-error');
  });
});
