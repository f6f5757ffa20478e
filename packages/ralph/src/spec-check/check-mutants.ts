import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserChoice } from '../browser.js';
import type { DEFAULT_TIMEOUTS } from '../playwright-config.js';
import type { SpecFolder } from '../spec-folder/spec-folder.js';
import { classifyMutant, mutationScore, type MutantOutcome, type MutationScore } from './classify-mutant.js';
import type { EquivalentMutant } from '../spec-folder/spec-folder.js';
import { equivalentOutcome, matchEquivalentMutants } from './equivalent-mutants.js';
import { instrumentReference, type Mutant } from './instrument-reference.js';
import { mutantDiff } from './mutant-diff.js';
import type { TestRunRecord } from './mutation-plan.js';
import { runMutationPass } from './run-mutation-pass.js';
import { sampleReproducibly } from './sample-mutants.js';
import { scheduleMutants, untriedTests } from './schedule-mutants.js';

/**
 * Tests per mutant in each pass: one first (many mutants die on the first test that reaches them), then every test
 * left. Each pass is one Playwright process; within a pass, the later tests of a mutant already killed skip.
 */
export const PASS_SIZES = [1, Number.POSITIVE_INFINITY] as const;
const HIT_LIMIT = 1_000_000;

export interface MutationCheckOptions {
  spec: SpecFolder;
  /** How many mutants to test (a seeded sample); undefined = all. */
  maxMutants?: number;
  seed: number;
  directory: string;
  browser: BrowserChoice;
  workers: number;
  timeouts?: Partial<Record<keyof typeof DEFAULT_TIMEOUTS, number>>;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
}

export interface MutantReport extends MutantOutcome {
  diff: string;
}

export interface MutationReport {
  /** Mutants Stryker made in the reference's scripts. */
  generated: number;
  sampled: number;
  seed: number;
  outcomes: MutantReport[];
  score: MutationScore;
  durationMs: number;
  /** The mutant phase's time divided by the mutants tested. */
  msPerMutant: number;
  /** spec.json's equivalent-mutant declarations that match no mutant (the reference changed since). */
  staleEquivalents: EquivalentMutant[];
}

export interface ReferenceRun {
  /** The reference's test runs (no mutant active), with what each test reached. */
  runs: TestRunRecord[];
  instrumented: { html: string; mutants: Mutant[]; artifact: string };
}

/**
 * Instruments the reference and runs every test once on it with no mutant active, recording coverage. Tests that
 * fail are run once more, alone (on a loaded machine the instrumented page can miss a short timeout): only a test
 * that fails twice counts against the reference.
 */
export async function runReferenceWithCoverage(options: MutationCheckOptions): Promise<ReferenceRun> {
  const { html, mutants } = await instrumentReference(options.spec.referencePath);
  const pageDirectory = join(options.directory, 'page');
  mkdirSync(pageDirectory, { recursive: true });
  const artifact = join(pageDirectory, options.spec.artifactFileName);
  writeFileSync(artifact, html);
  const coveragePass = (directory: string, tests?: readonly string[]) =>
    runMutationPass({
      spec: options.spec,
      artifact,
      directory: join(options.directory, directory),
      plan: { mode: 'coverage', schedule: {}, hitLimit: HIT_LIMIT },
      ...(tests ? { tests } : {}),
      browser: options.browser,
      workers: tests ? 1 : options.workers,
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      timeoutMs: 600_000,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  const runs = await coveragePass('coverage');
  const failing = runs.filter((run) => run.status !== 'passed' && run.status !== 'skipped').map((run) => run.title);
  if (failing.length === 0) return { runs, instrumented: { html, mutants, artifact } };
  const again = new Map((await coveragePass('coverage-rerun', failing)).map((run) => [run.title, run]));
  return { runs: runs.map((run) => again.get(run.title) ?? run), instrumented: { html, mutants, artifact } };
}

/** Tests each (sampled) mutant against the tests that reach it, one mutant active per test run. */
export async function checkMutants(options: MutationCheckOptions, reference: ReferenceRun): Promise<MutationReport> {
  const started = performance.now();
  const coverage = new Map(reference.runs.map((run) => [run.title, new Set(run.covered ?? [])]));
  const all = reference.instrumented.mutants;
  const equivalence = matchEquivalentMutants(all, options.spec.equivalentMutants ?? []);
  const testable = all.filter((mutant) => !mutant.skipReason && !equivalence.declared.has(mutant.id));
  const sample = options.maxMutants === undefined ? testable : sampleReproducibly(testable, options.maxMutants, options.seed);
  const tried = new Map<string, Set<string>>(sample.map((mutant) => [mutant.id, new Set<string>()]));
  const killed = new Set<string>();
  const runs: TestRunRecord[] = [];

  for (const [index, testsPerMutant] of PASS_SIZES.entries()) {
    const alive = sample.filter((mutant) => !killed.has(mutant.id) && untriedTests(mutant.id, coverage, tried).length > 0).map((mutant) => mutant.id);
    if (alive.length === 0) break;
    const schedule = scheduleMutants({ mutantIds: alive, coverage, tried, testsPerMutant });
    options.onProgress?.(`mutants: pass ${index + 1}, ${alive.length} mutants still alive`);
    const passRuns = await runMutationPass({
      spec: options.spec,
      artifact: reference.instrumented.artifact,
      directory: join(options.directory, `pass-${index + 1}`),
      plan: { mode: 'mutants', schedule, hitLimit: HIT_LIMIT },
      browser: options.browser,
      workers: options.workers,
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      timeoutMs: 3_600_000,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    runs.push(...passRuns);
    // A scheduled slot counts as tried even when it skipped because its mutant had died meanwhile.
    for (const [title, slots] of Object.entries(schedule)) for (const id of slots) if (id !== null) tried.get(id)?.add(title);
    for (const run of passRuns) if (run.mutantId && (run.status === 'failed' || run.status === 'timedOut' || run.loadErrors.length > 0)) killed.add(run.mutantId);
  }

  const source = readFileSync(options.spec.referencePath, 'utf8');
  const reach = (id: string): number => [...coverage.values()].filter((reached) => reached.has(id)).length;
  const outcome = (mutant: Mutant): MutantOutcome => {
    const declaration = equivalence.declared.get(mutant.id);
    return declaration ? equivalentOutcome(mutant, declaration) : classifyMutant(mutant, runs, reach(mutant.id));
  };
  // Skipped and declared-equivalent mutants are listed whatever the sample: they are never tested.
  const untested = all.filter((mutant) => mutant.skipReason || equivalence.declared.has(mutant.id));
  const outcomes = [...sample, ...untested].map((mutant) => ({ ...outcome(mutant), diff: mutantDiff(source, mutant) }));
  const durationMs = performance.now() - started;
  return {
    generated: all.length,
    sampled: sample.length,
    seed: options.seed,
    outcomes,
    score: mutationScore(outcomes),
    durationMs,
    msPerMutant: sample.length > 0 ? durationMs / sample.length : 0,
    staleEquivalents: equivalence.stale,
  };
}
