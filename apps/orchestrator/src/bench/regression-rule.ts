import { fisherExactTest, type PassCount } from './statistics/fisher-exact-test.js';

export interface RegressionPolicy {
  /** Largest tolerated drop of the pass rate, a share (0.1 = ten points). */
  threshold: number;
  /** Significance level of the one-sided Fisher test (0.05 = 5 %). */
  alpha: number;
}

export interface RegressionCheck {
  /** Pass-rate drop as an exact fraction: numerator / denominator (positive = worse). */
  drop: { numerator: number; denominator: number };
  /** One-sided Fisher's exact test: how likely a drop at least this large is if nothing changed. */
  pValue: number;
  regression: boolean;
}

// Shares are compared as integers scaled by this, so 0.1 means exactly one tenth (0.7 − 0.6 ≠ 0.4 − 0.3 in floats).
const SCALE = 1_000_000;

/**
 * A regression is a drop beyond the threshold that is also significant at `alpha`: with 5 trials a
 * single flipped trial is a 20-point drop but well within noise. Everything is decided on integer
 * counts, so equal differences always get equal answers.
 */
export function checkRegression(before: PassCount, after: PassCount, policy: RegressionPolicy): RegressionCheck {
  const numerator = before.passes * after.trials - after.passes * before.trials;
  const denominator = before.trials * after.trials;
  const beyondThreshold = numerator * SCALE > Math.round(policy.threshold * SCALE) * denominator;
  const pValue = fisherExactTest(before, after, 'greater');
  return { drop: { numerator, denominator }, pValue, regression: beyondThreshold && pValue < policy.alpha };
}
