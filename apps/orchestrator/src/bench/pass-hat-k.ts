/**
 * Unbiased pass^k estimator (Yao et al., τ-bench, 2024): the probability that k samples, drawn
 * without replacement from n trials of which c passed, ALL pass: C(c, k) / C(n, k). Where pass@k
 * says "can the model do it at all", pass^k says "does it do it every time" — the consistency figure.
 */
export function passHatK(n: number, c: number, k: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(c) || !Number.isInteger(k) || n < 0 || c < 0 || c > n || k < 1) {
    throw new RangeError(`passHatK needs integers 0 ≤ c ≤ n and k ≥ 1, got n=${n}, c=${c}, k=${k}`);
  }
  if (k > n) throw new RangeError(`pass^${k} is undefined for ${n} trial(s): k must be ≤ n`);
  if (c < k) return 0;
  // C(c, k) / C(n, k) = Π_{i=0}^{k−1} (c − i) / (n − i), a running product so large n does not overflow.
  let allPass = 1;
  for (let i = 0; i < k; i += 1) allPass *= (c - i) / (n - i);
  return allPass;
}
