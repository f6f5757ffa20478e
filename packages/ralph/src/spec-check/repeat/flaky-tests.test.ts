import { describe, expect, it } from 'vitest';
import { flakyTests, type RunResults } from './flaky-tests.js';

function run(results: Record<string, string>): RunResults {
  return new Map(Object.entries(results).map(([title, status]) => [title, status === 'failed' ? { status, message: 'expected 7' } : { status }]));
}

describe('flakyTests', () => {
  it('finds nothing when every test has one outcome in every run', () => {
    expect(flakyTests('reference', [run({ a: 'passed', b: 'failed' }), run({ a: 'passed', b: 'failed' })])).toEqual([]);
  });

  it('names a test whose outcome changes, with the failing run and why', () => {
    expect(flakyTests('variants/late.html', [run({ a: 'passed', b: 'passed' }), run({ a: 'passed', b: 'failed' }), run({ a: 'passed', b: 'passed' })])).toEqual([
      'flaky on variants/late.html: "b" held in runs 1 and 3 but not in run 2 (failed: expected 7)',
    ]);
  });

  it('counts a test flaky within one run (failed, then passed on the re-run) as not holding', () => {
    expect(flakyTests('reference', [run({ a: 'passed' }), run({ a: 'flaky' })])).toEqual(['flaky on reference: "a" held in run 1 but not in run 2 (failed, then passed on the judge\'s re-run)']);
  });
});
