import { describe, expect, it } from 'vitest';
import { checkSpecFolder, formatSpecCheck, listSpecNames, loadSpec, type SpecFolder } from '@ndli/ralph';

// Every folder of specs/ with a spec.json (discovered at run time: adding a folder adds its checks), checked the
// way users check theirs (`ndli spec check`): task prompt and DOM contract, unique titles and evidence folders,
// the reference and each variant pass, each seeded bug is caught, every sentence of the rules is covered
// (coverage.json), no test is flaky over two runs of the reference and of each variant, and a small seeded sample of
// automatic mutants is judged (the full scores: `pnpm specs:mutation`).
const specsDirectory = import.meta.dirname;
const names = listSpecNames({ specsDirectory });
// Per-test limit for the judged apps; raise it (NDLI_SPEC_TEST_TIMEOUT_MS) on a loaded machine.
const testTimeoutMs = Number(process.env.NDLI_SPEC_TEST_TIMEOUT_MS ?? 5_000);
// Mutants per spec (NDLI_SPEC_MUTANTS): a seeded sample keeps CI short; 0 turns the mutation check off.
const sampledMutants = Number(process.env.NDLI_SPEC_MUTANTS ?? 4);
// Runs of the reference and of each variant (NDLI_SPEC_REPEAT): the check's own runs are the first, so 2 costs one
// more verdict per app; 1 turns the flake check off.
const repeat = Number(process.env.NDLI_SPEC_REPEAT ?? 2);

function load(name: string): SpecFolder | Error {
  try {
    return loadSpec(name, { specsDirectory });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

it('finds spec folders', () => {
  expect(names.length).toBeGreaterThan(0);
});

// Each folder loaded once: its layout test reports a load error, its check runs on what loaded.
const loaded = new Map(names.map((name) => [name, load(name)]));
const loadable = [...loaded.values()].filter((spec): spec is SpecFolder => !(spec instanceof Error));

describe.each(names)('%s', (name) => {
  it('follows the spec folder layout', () => {
    const spec = loaded.get(name);
    if (spec instanceof Error) throw spec;
  });
});

// Two spec checks at a time (vitest.config.ts: maxConcurrency): much of a check is waiting (a seeded bug's or a
// mutant's failing expect runs to its timeout), which the other check fills. Concurrent tests must share one suite.
describe(`ndli spec check (${sampledMutants} sampled mutants, ${repeat} runs of each app)`, () => {
  it.concurrent.for(loadable)('$name holds', async (spec, { expect }) => {
    const report = await checkSpecFolder({ spec, maxMutants: sampledMutants, seed: 1, repeat, timeouts: { testTimeoutMs } });
    const failing = report.checks.filter((check) => !check.ok).map((check) => check.name);
    expect(failing, formatSpecCheck(report)).toEqual([]);
    if (sampledMutants === 0) return;
    // Every sampled mutant was judged or set apart with a reason: a score is never computed from nothing.
    expect(report.mutation?.sampled).toBe(Math.min(sampledMutants, report.mutation?.generated ?? 0));
    expect(report.mutation?.score.score, formatSpecCheck(report)).toBeDefined();
  });
});
