/**
 * Unbiased pass@k estimator (Chen et al., 2021): the probability that at least one of k samples,
 * drawn without replacement from n trials of which c passed, passes: 1 − C(n−c, k) / C(n, k).
 * Computed as a running product so large n does not overflow.
 */
export function passAtK(n: number, c: number, k: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(c) || !Number.isInteger(k) || n < 0 || c < 0 || c > n || k < 1) {
    throw new RangeError(`passAtK needs integers 0 ≤ c ≤ n and k ≥ 1, got n=${n}, c=${c}, k=${k}`);
  }
  if (k > n) throw new RangeError(`pass@${k} is undefined for ${n} trial(s): k must be ≤ n`);
  if (n - c < k) return 1;
  // C(n−c, k) / C(n, k) = Π_{i=n−c+1}^{n} (1 − k / i)
  let allFail = 1;
  for (let i = n - c + 1; i <= n; i += 1) allFail *= 1 - k / i;
  return 1 - allFail;
}
