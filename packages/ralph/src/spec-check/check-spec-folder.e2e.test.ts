import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../spec-folder.js';
import { checkSpecFolder } from './check-spec-folder.js';

const specsDirectory = fileURLToPath(new URL('../test-fixtures/specs', import.meta.url));

// The mutation engine end to end, through the judge's real `app` fixture (isolation by re-opening, the switch
// installed per test): a fixture change that leaves mutants unjudged must fail here, not only in specs/.
describe('checkSpecFolder on the counter fixture', () => {
  it('runs every mutant against the tests, scores the spec and holds it to --min-score', { timeout: 180_000 }, async () => {
    const report = await checkSpecFolder({ spec: loadSpec('counter', { specsDirectory }), seed: 1, workers: 2, minScore: 1 });
    const mutation = report.mutation;
    expect(mutation, JSON.stringify(report.checks)).toBeDefined();
    if (!mutation) return;
    expect(mutation.sampled).toBe(mutation.generated);
    expect(mutation.outcomes).toHaveLength(mutation.generated);
    const byStatus = (status: string) => mutation.outcomes.filter((outcome) => outcome.status === status);
    // A mutant that breaks the page at load (`getElementById("")`) is invalid: counted apart, not in the score.
    expect(byStatus('invalid').length).toBeGreaterThan(0);
    expect(byStatus('invalid')[0]?.reason).toMatch(/errors at load/);
    // `count += 1` → `count -= 1` breaks every increment test: a mutant with a real behaviour change is killed by a named test.
    const minus = mutation.outcomes.find((outcome) => outcome.mutant.replacement === 'count -= 1');
    expect(minus?.status).toBe('killed');
    expect(minus?.killedBy?.title).toMatch(/^increment › /);
    expect(byStatus('killed').length).toBeGreaterThan(mutation.generated / 2);
    // `?? '0'` → `?? ""`: Number('') is 0 too, a mutant no test can see (equivalent): it survives, with its diff.
    const fallback = mutation.outcomes.find((outcome) => outcome.diff.includes(`+ let count = Number(localStorage.getItem('count') ?? "");`));
    expect(fallback?.status).toBe('survived');
    expect(fallback?.diff).toContain("- let count = Number(localStorage.getItem('count') ?? '0');");
    expect(mutation.score.score).toBe(mutation.score.killed / (mutation.score.killed + mutation.score.survived));
    // One survivor is below a minimum of 100 %: that check alone fails, and with it the spec.
    expect(report.checks.filter((check) => !check.ok)).toEqual([{ name: 'mutation score', ok: false, problems: [expect.stringContaining('below the minimum 100.0 %')] }]);
    expect(report.ok).toBe(false);
  });
});
