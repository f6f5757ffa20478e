import { describe, expect, it } from 'vitest';
import { compareBenches, renderComparison } from './compare-benches.js';
import { summarizeGroup } from './summarize.js';
import type { TrialResult } from './trial-result.js';

/** A crafted group: `passes` of `trials` green, the rest failed; `errors` more trials lost to the server. */
function group(model: string, passes: number, trials: number, errors = 0) {
  const results = Array.from({ length: trials + errors }, (_, index): TrialResult => {
    const status = index < passes ? 'passed' : index < trials ? 'failed' : 'error';
    return {
      model,
      spec: 'calculator',
      mode: 'ndli',
      trial: index + 1,
      status,
      endReason: status === 'passed' ? 'all-tests-passed' : status === 'failed' ? 'max-rounds' : 'MODEL_UNREACHABLE',
      rounds: status === 'error' ? [] : [{ round: 1, passed: status === 'passed' ? 4 : 2, total: 4 }],
      ...(status === 'error' ? { errorCause: 'model-server' as const } : { best: { passed: status === 'passed' ? 4 : 2, total: 4 } }),
      tokens: { prompt: 1, completion: 1 },
      durationMs: 1,
      schemaRetries: 0,
      truncations: 0,
      runDirectory: `runs/${model}-${index}`,
      finishedAt: '2026-11-25T00:00:00.000Z',
    };
  });
  return summarizeGroup(results);
}

const policy = { threshold: 0.1, alpha: 0.05 };

describe('compareBenches on crafted result sets', () => {
  it('gives 7→6 and 4→3 of 10 the same answer (no float-rounding flip)', () => {
    const outcome = compareBenches([group('a', 7, 10), group('b', 4, 10)], [group('a', 6, 10), group('b', 3, 10)], policy);
    expect(outcome.comparisons.map((comparison) => comparison.regression)).toEqual([false, false]);
    expect(outcome.comparisons[0]?.check?.drop).toEqual(outcome.comparisons[1]?.check?.drop);
    expect(outcome.regressions).toBe(0);
  });

  it('does not call a one-trial flip among 5 trials a regression (20 points, but p = 0.5)', () => {
    const outcome = compareBenches([group('a', 5, 5)], [group('a', 4, 5)], policy);
    expect(outcome.comparisons[0]).toMatchObject({ regression: false, missing: undefined });
    expect(outcome.comparisons[0]?.passAt1Delta).toBeCloseTo(-0.2, 12);
    expect(outcome.comparisons[0]?.check?.pValue).toBeCloseTo(0.5, 10);
  });

  it('flags a significant drop beyond the threshold, and prints intervals and p-values', () => {
    const outcome = compareBenches([group('a', 10, 10), group('b', 5, 10)], [group('a', 3, 10), group('b', 5, 10)], policy);
    expect(outcome.comparisons.map((comparison) => [comparison.key, comparison.regression])).toEqual([
      ['a · calculator · ndli', true],
      ['b · calculator · ndli', false],
    ]);
    const text = renderComparison(outcome, { ...policy, allowMissing: false });
    expect(text).toMatch(/✗ REGRESSION a · calculator · ndli: pass@1 10\/10 = 100% \[72–100%\] → 3\/10 = 30% \[11–60%\] \(-70 pt, one-sided Fisher p = 0\.0015\)/);
    expect(text).toMatch(/1 regression\(s\): a drop beyond 10% with p < 0\.05/);
  });

  it('lists a group missing from either bench, and one with no judged trial, as missing', () => {
    const outcome = compareBenches([group('a', 3, 3), group('gone', 2, 3), group('down', 2, 3)], [group('a', 3, 3), group('new', 1, 3), group('down', 0, 0, 3)], policy);
    expect(outcome.missing).toBe(3);
    expect(outcome.comparisons.filter((comparison) => comparison.missing).map((comparison) => [comparison.key, comparison.missing])).toEqual([
      ['down · calculator · ndli', 'after'],
      ['gone · calculator · ndli', 'after'],
      ['new · calculator · ndli', 'before'],
    ]);
    const text = renderComparison(outcome, { ...policy, allowMissing: false });
    expect(text).toMatch(/down · calculator · ndli: no trial judged in the second bench \(3 infrastructure error\(s\)\)/);
    expect(text).toMatch(/gone · calculator · ndli: missing from the second bench/);
    expect(text).toMatch(/3 group\(s\) not in both benches: exit 1/);
    expect(renderComparison(outcome, { ...policy, allowMissing: true })).toMatch(/allowed by --allow-missing/);
  });

  it('leaves infrastructure errors out of the comparison', () => {
    // 4 of 5 judged before; 4 of 5 judged after plus 5 trials lost to the server: no change.
    const outcome = compareBenches([group('a', 4, 5)], [group('a', 4, 5, 5)], policy);
    expect(outcome.comparisons[0]).toMatchObject({ regression: false, passAt1Delta: 0 });
  });
});
