import quantile from '@stdlib/stats-base-dists-normal-quantile';

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for a share of `successes` in `trials`. Unlike the normal ("Wald")
 * interval it stays inside [0, 1] and does not collapse to a point at 0/n or n/n — exactly the
 * counts small benches produce.
 */
export function wilsonInterval(successes: number, trials: number, level = 0.95): Interval {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || trials < 1 || successes < 0 || successes > trials) {
    throw new RangeError(`wilsonInterval needs integers 0 ≤ successes ≤ trials and trials ≥ 1, got ${successes}/${trials}`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`The confidence level must lie in (0, 1), got ${level}`);
  const z = quantile(1 - (1 - level) / 2, 0, 1);
  const share = successes / trials;
  const z2 = z * z;
  const centre = (share + z2 / (2 * trials)) / (1 + z2 / trials);
  const halfWidth = (z / (1 + z2 / trials)) * Math.sqrt((share * (1 - share)) / trials + z2 / (4 * trials * trials));
  // At 0/n and n/n the bound is exactly 0 or 1; clamping removes the float residue.
  return { low: successes === 0 ? 0 : Math.max(0, centre - halfWidth), high: successes === trials ? 1 : Math.min(1, centre + halfWidth) };
}
