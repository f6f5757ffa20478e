import { wilsonInterval, type Interval } from './wilson-interval.js';

/**
 * 95 % intervals for pass@k and pass^k. For a per-trial pass probability p, pass@k = 1 − (1 − p)^k
 * and pass^k = p^k; both are monotone in p, so mapping the Wilson interval of p = c/n through them
 * keeps its coverage (trials taken as independent draws). Deterministic, unlike a bootstrap.
 */
export function passAtKInterval(n: number, c: number, k: number, level = 0.95): Interval {
  const { low, high } = wilsonInterval(c, n, level);
  return { low: 1 - (1 - low) ** k, high: 1 - (1 - high) ** k };
}

export function passHatKInterval(n: number, c: number, k: number, level = 0.95): Interval {
  const { low, high } = wilsonInterval(c, n, level);
  return { low: low ** k, high: high ** k };
}
