import hypergeometricPmf from '@stdlib/stats-base-dists-hypergeometric-pmf';

/** Passes out of trials in one bench group. */
export interface PassCount {
  passes: number;
  trials: number;
}

/**
 * `greater`: the first group's pass rate is higher (the one-sided question "did the second bench
 * get worse?"); `less`: the reverse; `two-sided`: either way (R's default).
 */
export type Alternative = 'greater' | 'less' | 'two-sided';

function checkCount(count: PassCount, name: string): void {
  if (!Number.isInteger(count.passes) || !Number.isInteger(count.trials) || count.trials < 1 || count.passes < 0 || count.passes > count.trials) {
    throw new RangeError(`${name} needs integers 0 ≤ passes ≤ trials, trials ≥ 1; got ${count.passes}/${count.trials}`);
  }
}

/**
 * Fisher's exact test on the 2×2 table [[a.passes, a.fails], [b.passes, b.fails]], as R's
 * `fisher.test`: with the margins fixed, the first group's passes follow a hypergeometric law, and
 * the p-value sums its probabilities over tables at least as extreme. No maintained npm package
 * offers the test itself; the hypergeometric PMF comes from stdlib. Everything works on integer
 * counts, so equal tables always get equal p-values.
 */
export function fisherExactTest(a: PassCount, b: PassCount, alternative: Alternative): number {
  checkCount(a, 'fisherExactTest (first group)');
  checkCount(b, 'fisherExactTest (second group)');
  const population = a.trials + b.trials;
  const passes = a.passes + b.passes;
  const lowest = Math.max(0, passes - b.trials);
  const highest = Math.min(passes, a.trials);
  const probability = (x: number) => hypergeometricPmf(x, population, passes, a.trials);
  const observed = probability(a.passes);
  // R's tolerance: tables whose probability equals the observed one up to float noise count as extreme.
  const tolerance = 1 + 1e-7;
  let sum = 0;
  for (let x = lowest; x <= highest; x += 1) {
    const extreme = alternative === 'greater' ? x >= a.passes : alternative === 'less' ? x <= a.passes : probability(x) <= observed * tolerance;
    if (extreme) sum += probability(x);
  }
  return Math.min(1, sum);
}
