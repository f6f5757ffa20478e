import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../spec-folder/spec-folder.js';
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

describe('the seeded-bug check', () => {
  it('judges bugs naming their test in one run, and says which are not caught and why', { timeout: 180_000 }, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ralph-bugs-'));
    cpSync(join(specsDirectory, 'counter'), directory, { recursive: true });
    const reference = readFileSync(join(directory, 'reference', 'counter.html'), 'utf8');
    // A "bug" that is the reference itself: its caught-by test passes, so it is not caught.
    writeFileSync(join(directory, 'bugs', 'no-bug.html'), `<!-- bug: none at all -->\n<!-- caught by: increment › one click on #increment shows 1 -->\n${reference}`);
    // A real bug whose caught-by line names a test that does not exist.
    writeFileSync(join(directory, 'bugs', 'misnamed.html'), `<!-- bug: reset does nothing -->\n<!-- caught by: reset › no such test -->\n${reference.replace('count = 0; show();', 'show();')}`);
    const report = await checkSpecFolder({ spec: loadSpec(directory), seed: 1, maxMutants: 0 });
    const bugs = report.checks.find((check) => check.name.startsWith('every seeded bug is caught'));
    expect(bugs?.name).toBe('every seeded bug is caught (4)');
    // adds-two (named test, judged in the shared run) and forgets-count (no named test: its own run) are caught.
    expect(bugs?.problems).toEqual([
      'bugs/misnamed.html names a caught-by test that does not exist: "reset › no such test" (fix its second line)',
      'bugs/no-bug.html (none at all) is not caught (its caught-by test "increment › one click on #increment shows 1" passes or does not exist)',
    ]);
  });
});

describe('the reference run of the mutation check', () => {
  it('runs a test that failed on the instrumented reference once more before blaming the reference', { timeout: 180_000 }, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ralph-flaky-'));
    cpSync(join(specsDirectory, 'counter'), directory, { recursive: true });
    const marker = join(directory, 'failed-once');
    // Fails the first time it runs (as a test may when a loaded machine misses a short timeout), then passes.
    writeFileSync(
      join(directory, 'tests', 'flaky.spec.ts'),
      `import { existsSync, writeFileSync } from 'node:fs';
import { test, expect } from '@ndli/ralph/spec';
test.describe('flaky', () => {
  test('the count starts at 0, on the second try', async ({ app }) => {
    const first = !existsSync(${JSON.stringify(marker)});
    writeFileSync(${JSON.stringify(marker)}, 'x');
    await expect(app.page.locator('#count')).toHaveText(first ? 'never' : '0', { timeout: 200 });
  });
});
`,
    );
    const report = await checkSpecFolder({ spec: loadSpec(directory), seed: 1, maxMutants: 2, mutantsOnly: true });
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.mutation?.sampled).toBe(2);
  });
});
