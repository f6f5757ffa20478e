import { describe, expect, it } from 'vitest';
import { compareBenches, renderComparison } from './compare-benches.js';
import type { GroupSummary } from './summarize.js';

const group = (model: string, pass: number, mean: number): GroupSummary => ({
  model,
  spec: 'calculator',
  mode: 'ndli',
  trials: 4,
  passes: Math.round(pass * 4),
  passAtK: [pass],
  meanFractionPassed: mean,
  passRateByRound: [pass],
  tokensPerVerifiedPass: undefined,
  secondsPerVerifiedPass: undefined,
  failureCauses: { schemaFailures: 0, truncations: 0, stalls: 0, budget: 0, maxRounds: 0, errors: 0, interrupted: 0 },
});

describe('compareBenches', () => {
  it('flags a drop beyond the threshold as a regression, and nothing else', () => {
    const result = compareBenches([group('a', 0.75, 0.9), group('b', 0.5, 0.8)], [group('a', 0.5, 0.9), group('b', 0.5, 0.75)], 0.1);
    expect(result.map((comparison) => [comparison.key, comparison.regression])).toEqual([
      ['a · calculator · ndli', true],
      ['b · calculator · ndli', false],
    ]);
    expect(result[0]?.passAt1Delta).toBeCloseTo(-0.25, 12);
    expect(renderComparison(result, 0.1)).toMatch(/1 regression\(s\) beyond 10%/);
  });

  it('lists groups present in only one bench without calling them regressions', () => {
    const result = compareBenches([group('a', 1, 1)], [group('b', 1, 1)], 0.1);
    expect(result.every((comparison) => !comparison.regression)).toBe(true);
    expect(renderComparison(result, 0.1)).toMatch(/missing from the second bench/);
  });
});
