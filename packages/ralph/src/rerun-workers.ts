/**
 * Playwright workers for the re-run of failed tests. Those tests are expected to fail again, and a failing test
 * spends most of its time idle, waiting out its expect timeout (1 s against ~0.15 s of work for a passing one):
 * measured on 2 cores, the re-run of 12 calculator failures took 8.6 s with 2 workers and 6.3 s with 4. So the
 * re-run takes twice the cores (at least the first pass's workers), never more workers than tests.
 */
export function rerunWorkers(tests: number, firstPassWorkers: number, cores: number): number {
  return Math.max(1, Math.min(tests, Math.max(firstPassWorkers, 2 * cores)));
}
