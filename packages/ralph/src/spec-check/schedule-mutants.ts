/**
 * Which mutant each test runs with, in one Playwright run: `schedule[test][i]` is the mutant active in the test's
 * i-th repeat (null: that repeat is skipped). Each mutant gets at most `testsPerMutant` of the tests that reach it
 * that it has not run yet, the broadest first (a test reaching many mutants exercises and checks more of the app,
 * so it is the likelier to fail), spread so that no test carries many more repeats than the rest.
 */
export function scheduleMutants(options: {
  mutantIds: readonly string[];
  /** Test title → ids of the mutants its code reached (from the coverage run). */
  coverage: ReadonlyMap<string, ReadonlySet<string>>;
  /** Mutant id → titles of the tests it already ran. */
  tried: ReadonlyMap<string, ReadonlySet<string>>;
  testsPerMutant: number;
}): Record<string, (string | null)[]> {
  const load = new Map<string, (string | null)[]>();
  const reachCount = (title: string): number => options.coverage.get(title)?.size ?? 0;
  const testsReaching = (mutantId: string): string[] => untriedTests(mutantId, options.coverage, options.tried).sort((a, b) => reachCount(b) - reachCount(a));
  for (const mutantId of options.mutantIds) {
    const candidates = testsReaching(mutantId);
    // Least-loaded first among the most specific: the run's length is its longest test list.
    const chosen = candidates
      .map((title, rank) => ({ title, rank, repeats: load.get(title)?.length ?? 0 }))
      .sort((a, b) => a.repeats - b.repeats || a.rank - b.rank)
      .slice(0, options.testsPerMutant);
    for (const { title } of chosen) load.set(title, [...(load.get(title) ?? []), mutantId]);
  }
  return Object.fromEntries(load);
}

/** Tests (titles) that reach the mutant and that it has not run yet. */
export function untriedTests(mutantId: string, coverage: ReadonlyMap<string, ReadonlySet<string>>, tried: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  return [...coverage.entries()].filter(([title, reached]) => reached.has(mutantId) && !tried.get(mutantId)?.has(title)).map(([title]) => title);
}
