import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { resolveBrowser, type BrowserChoice, type BrowserOptions } from '../browser.js';
import { formatVerdict } from '../format-verdict.js';
import { createJudge } from '../judge.js';
import type { Judge } from '../judge-options.js';
import type { DEFAULT_TIMEOUTS } from '../playwright-config.js';
import { isHarnessError } from '../harness-error.js';
import type { SeededBug, SpecFolder } from '../spec-folder/spec-folder.js';
import { runMutationPass } from './run-mutation-pass.js';
import { describeDeclaration } from './equivalent-mutants.js';
import { checkMutants, runReferenceWithCoverage, type MutationCheckOptions, type MutationReport, type ReferenceRun } from './check-mutants.js';
import { SpecCheckError } from './errors.js';
import { sharedEvidence } from './evidence-folder.js';
import type { TestRunRecord } from './mutation-plan.js';
import { checkSpecCoverage } from './rule-coverage/check-spec-coverage.js';
import { repeatRuns, verdictResults, type RepeatedApp } from './repeat/repeat-runs.js';
import type { RunResults } from './repeat/flaky-tests.js';

/** One thing `checkSpecFolder` verifies; `problems` say what is wrong (empty when it holds). */
export interface CheckResult {
  name: string;
  ok: boolean;
  problems: string[];
}

export interface SpecCheckOptions {
  spec: SpecFolder;
  /** Mutants to test, sampled with `seed`; undefined = every mutant; 0 = no mutation check. */
  maxMutants?: number;
  /** Seed of the mutant sample (default 1). */
  seed?: number;
  /** Only the reference and its mutants: no variants, no seeded bugs (for measuring scores). */
  mutantsOnly?: boolean;
  /** Lowest acceptable mutation score, 0–1 (default 0: any measured score holds). */
  minScore?: number;
  /**
   * Runs of the reference and of each variant in all (default 1). Above 1, the check's own runs are the first and a
   * test whose outcome changes between runs is reported as flaky (`ndli spec check --repeat N`).
   */
  repeat?: number;
  browser?: BrowserOptions;
  /** Playwright workers per run (default 2: one per core of a small machine). */
  workers?: number;
  timeouts?: Partial<Record<keyof typeof DEFAULT_TIMEOUTS, number>>;
  /** Work directory (default: a new temp directory). */
  directory?: string;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
}

export interface SpecCheckReport {
  spec: string;
  checks: CheckResult[];
  /** Absent when no mutant was tested (`maxMutants: 0`, or the reference failed). */
  mutation?: MutationReport;
  minScore: number;
  /** Every check holds, and the mutation score (when measured) reaches minScore. */
  ok: boolean;
  durationMs: number;
}

const DOM_CONTRACT_HEADING = /^#{1,6}\s.*\bDOM contract\b/im;

function check(name: string, problems: string[]): CheckResult {
  return { name, ok: problems.length === 0, problems };
}

/** The task prompt exists and states a DOM contract (a heading naming it), which is what tests may rely on. */
export function checkTaskPrompt(spec: SpecFolder): CheckResult {
  const problems: string[] = [];
  if (spec.taskPrompt.trim().length === 0) problems.push('task.md is empty');
  else if (!DOM_CONTRACT_HEADING.test(spec.taskPrompt)) problems.push('task.md has no "DOM contract" heading: state the ids, attributes and texts the tests rely on under one');
  return check('task prompt and DOM contract present', problems);
}

function leafTitle(run: TestRunRecord): string {
  const prefix = run.describePath.length > 0 ? `${run.describePath.join(' › ')} › ` : '';
  return run.title.slice(prefix.length);
}

/** Test titles are unique, and no two tests share an evidence folder (titles differing only in punctuation). */
export function checkTitles(runs: readonly TestRunRecord[]): CheckResult {
  const counts = new Map<string, number>();
  for (const run of runs) counts.set(`${run.file}: ${run.title}`, (counts.get(`${run.file}: ${run.title}`) ?? 0) + 1);
  const duplicates = [...counts.entries()].filter(([, count]) => count > 1).map(([title]) => `title used twice: ${title}`);
  const unique = [...new Map(runs.map((run) => [`${run.file}: ${run.title}`, run])).values()];
  const shared = sharedEvidence(unique.map((run) => ({ file: run.file, describePath: run.describePath, title: leafTitle(run) }))).map(
    (titles) => `one evidence folder for: ${titles.join(' | ')} (titles differ only in punctuation; tell them apart in words)`,
  );
  // Failures, FIX blockers and `--tests` name a test by its describe blocks and title joined with ' › '.
  const ambiguous = unique.filter((run) => leafTitle(run).includes(' › ') || run.describePath.some((block) => block.includes(' › '))).map((run) => `a title or describe block contains " › ", which names tests apart: ${run.file}: ${run.title}`);
  return check('test titles unique, evidence folders distinct', [...duplicates, ...shared, ...ambiguous]);
}

async function checkReference(spec: SpecFolder, reference: ReferenceRun, judge: Judge): Promise<CheckResult> {
  const failing = reference.runs.filter((run) => run.status !== 'passed' && run.status !== 'skipped');
  if (failing.length === 0) return check(`reference/${spec.artifactFileName} passes every test`, []);
  // The coverage run judged the instrumented page; judge the file itself for the verdict a user would see.
  const verdict = await judge.run({ spec, artifact: spec.referencePath, trace: 'off' });
  if (verdict.failed === 0) {
    return check(`reference/${spec.artifactFileName} passes every test`, [
      `the reference passes, but with Stryker's mutant switches built in it fails: ${failing.map((run) => run.title).join('; ')} — mutants cannot be judged on it`,
    ]);
  }
  return check(`reference/${spec.artifactFileName} passes every test`, [formatVerdict(verdict)]);
}

async function checkVariants(spec: SpecFolder, judge: Judge): Promise<{ result: CheckResult; runs: RepeatedApp[] }> {
  const problems: string[] = [];
  const runs: RepeatedApp[] = [];
  for (const variant of spec.variants) {
    const verdict = await judge.run({ spec, artifact: variant.path, trace: 'off' });
    runs.push({ label: `variants/${variant.name}.html`, path: variant.path, runs: [verdictResults(verdict)] });
    if (verdict.failed > 0 || verdict.passed !== verdict.total) problems.push(`variants/${variant.name}.html (${variant.description}) fails:\n${formatVerdict(verdict)}`);
  }
  return { result: check(`every variant passes (${spec.variants.length})`, problems), runs };
}

/** The reference's coverage run as the flake check's first run of it (mutant switches off: the reference's behaviour). */
function coverageRunResults(reference: ReferenceRun): RunResults {
  return new Map(reference.runs.map((run) => [run.title, { status: run.status, ...(run.error ? { message: run.error.split('\n')[0] ?? '' } : {}) }]));
}

/** What the seeded-bug check needs of the spec check's settings. */
interface BugCheckSettings {
  judge: Judge;
  directory: string;
  browser: BrowserChoice;
  workers: number;
  timeouts?: SpecCheckOptions['timeouts'];
  signal?: AbortSignal;
  /** Full titles of the spec's tests, when the reference run listed them: a caught-by line naming none is a problem. */
  titles?: ReadonlySet<string>;
}

/** `describe › title` of the test that caught a bug, or undefined: the verdict of one bug's own judge run. */
async function judgeBug(spec: SpecFolder, bug: SeededBug, judge: Judge): Promise<string | undefined> {
  const selection = bug.caughtBy ? { tests: [bug.caughtBy] } : { maxFailures: 1 };
  const verdict = await judge.run({ spec, artifact: bug.path, trace: 'off', ...selection });
  // Caught means an assertion failed, not a test cut off by a timeout on a busy machine.
  const failure = verdict.failures.find((candidate) => candidate.status === 'failed');
  return failure ? [...failure.describePath, failure.title].join(' › ') : undefined;
}

/**
 * The bugs that name their `caught by` test, judged together in one Playwright process (each bug served in place of
 * the app for its test only): one process start instead of one per bug. Returns the bugs it could decide: caught
 * (an assertion failed, not a harness error) or not caught (the test ran and passed).
 */
async function judgeNamedBugs(spec: SpecFolder, bugs: readonly SeededBug[], settings: BugCheckSettings): Promise<Map<string, string | undefined>> {
  const schedule: Record<string, string[]> = {};
  for (const bug of bugs) if (bug.caughtBy) (schedule[bug.caughtBy] ??= []).push(bug.name);
  const decided = new Map<string, string | undefined>();
  if (Object.keys(schedule).length === 0) return decided;
  const runs = await runMutationPass({
    spec,
    artifact: spec.referencePath,
    directory: join(settings.directory, 'bugs'),
    plan: { mode: 'artifacts', schedule, artifacts: Object.fromEntries(bugs.map((bug) => [bug.name, bug.path])), hitLimit: 1 },
    browser: settings.browser,
    workers: settings.workers,
    ...(settings.timeouts ? { timeouts: settings.timeouts } : {}),
    timeoutMs: 600_000,
    ...(settings.signal ? { signal: settings.signal } : {}),
  });
  for (const run of runs) {
    if (!run.artifactId) continue;
    const harness = isHarnessError({ status: run.status, errors: run.error ? [run.error] : [], diagnostics: { pageErrors: [] } });
    if (run.status === 'failed' && !harness) decided.set(run.artifactId, run.title);
    else if (run.status === 'passed') decided.set(run.artifactId, undefined);
  }
  return decided;
}

/**
 * Each seeded bug fails an assertion (its `caught by` test when it names one). Bugs naming their test are judged
 * together; the others, and any the shared run could not decide (its test missing, timed out or hit a harness error),
 * get a judge run of their own, two at a time.
 */
async function checkBugs(spec: SpecFolder, settings: BugCheckSettings): Promise<{ result: CheckResult; caught: Record<string, string> }> {
  const { titles } = settings;
  const misnamed = (bug: SeededBug): boolean => bug.caughtBy !== undefined && titles !== undefined && !titles.has(bug.caughtBy);
  const decided = await judgeNamedBugs(spec, spec.bugs.filter((bug) => !misnamed(bug)), settings);
  const limit = pLimit(2);
  const caught: Record<string, string> = {};
  const problems = await Promise.all(
    spec.bugs.map((bug) =>
      limit(async () => {
        if (misnamed(bug)) return `bugs/${bug.name}.html names a caught-by test that does not exist: "${bug.caughtBy ?? ''}" (fix its second line)`;
        const caughtBy = decided.has(bug.name) ? decided.get(bug.name) : await judgeBug(spec, bug, settings.judge);
        if (caughtBy) {
          caught[bug.name] = caughtBy;
          return undefined;
        }
        const named = bug.caughtBy ? ` (its caught-by test "${bug.caughtBy}" passes or does not exist)` : '';
        return `bugs/${bug.name}.html (${bug.description}) is not caught${named}`;
      }),
    ),
  );
  return { result: check(`every seeded bug is caught (${spec.bugs.length})`, problems.filter((problem) => problem !== undefined)), caught };
}

function scoreProblems(mutation: MutationReport, minScore: number): string[] {
  const stale = mutation.staleEquivalents.map((declaration) => `spec.json declares an equivalent mutant that the reference no longer has (${describeDeclaration(declaration)}): remove or update it`);
  const { score } = mutation.score;
  if (score === undefined) return [...stale, 'no mutant could be judged (every one was invalid, equivalent or skipped): no score'];
  return [...stale, ...(score < minScore ? [`mutation score ${(score * 100).toFixed(1)} % is below the minimum ${(minScore * 100).toFixed(1)} %`] : [])];
}

/**
 * Verifies a spec folder the way `ndli spec check` does: the task prompt states a DOM contract; titles are unique
 * with distinct evidence folders; the reference and every variant pass; every seeded bug is caught; and automatic
 * mutants of the reference's scripts measure how much behaviour the tests pin down (the mutation score).
 */
export async function checkSpecFolder(options: SpecCheckOptions): Promise<SpecCheckReport> {
  const started = performance.now();
  const { spec } = options;
  const browser = resolveBrowser(options.browser);
  const workers = options.workers ?? 2;
  const directory = options.directory ?? mkdtempSync(join(tmpdir(), `ndli-spec-check-${spec.name}-`));
  const judge = createJudge({ browser: { executablePath: browser.executablePath }, workers, ...(options.timeouts ? { timeouts: options.timeouts } : {}) });
  const progress = options.onProgress ?? (() => undefined);
  const minScore = options.minScore ?? 0;
  const checks: CheckResult[] = [checkTaskPrompt(spec)];
  const mutationOptions: MutationCheckOptions = {
    spec,
    ...(options.maxMutants !== undefined ? { maxMutants: options.maxMutants } : {}),
    seed: options.seed ?? 1,
    directory,
    browser,
    workers,
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: progress,
  };
  let mutation: MutationReport | undefined;
  try {
    progress('reference: every test, recording which code each test reaches');
    let reference: ReferenceRun | undefined;
    try {
      reference = await runReferenceWithCoverage(mutationOptions);
    } catch (error) {
      if (!(error instanceof SpecCheckError)) throw error;
      // The scripts cannot be mutated (or the instrumented page cannot run): judge the reference alone, no score.
      const verdict = await judge.run({ spec, artifact: spec.referencePath, trace: 'off' });
      checks.push(check(`reference/${spec.artifactFileName} passes every test`, verdict.failed === 0 ? [] : [formatVerdict(verdict)]));
      checks.push(check('mutants of the reference', [`${error.message}${error.hint ? ` (${error.hint})` : ''}`]));
    }
    const referenceCheck = reference ? await checkReference(spec, reference, judge) : undefined;
    if (reference && referenceCheck) checks.push(checkTitles(reference.runs), referenceCheck);
    const coverage = await checkSpecCoverage(spec, { ...(reference ? { titles: reference.runs.map((run) => run.title) } : {}), directory, executablePath: browser.executablePath });
    checks.push(check(coverage.name, coverage.problems));
    if (!options.mutantsOnly) {
      progress('variants');
      const variants = await checkVariants(spec, judge);
      checks.push(variants.result);
      const repeat = options.repeat ?? 1;
      if (repeat > 1) {
        const referenceApp: RepeatedApp = { label: `reference/${spec.artifactFileName}`, path: spec.referencePath, runs: reference ? [coverageRunResults(reference)] : [] };
        const flaky = await repeatRuns({ spec, judge, repeat, apps: [referenceApp, ...variants.runs], onProgress: progress });
        checks.push(check(`no flaky test: the reference and every variant, ${repeat} runs each (the added runs took ${(flaky.extraRunsMs / 1000).toFixed(1)} s)`, flaky.problems));
      }
      progress('seeded bugs');
      const titles = reference ? new Set(reference.runs.map((run) => run.title)) : undefined;
      const settings: BugCheckSettings = { judge, directory, browser, workers, ...(titles ? { titles } : {}), ...(options.timeouts ? { timeouts: options.timeouts } : {}), ...(options.signal ? { signal: options.signal } : {}) };
      checks.push((await checkBugs(spec, settings)).result);
    }
    if (reference && referenceCheck?.ok && options.maxMutants !== 0) {
      mutation = await checkMutants(mutationOptions, reference);
      checks.push(check('mutation score', scoreProblems(mutation, minScore)));
    }
  } finally {
    await judge.close();
  }
  return {
    spec: spec.name,
    checks,
    ...(mutation ? { mutation } : {}),
    minScore,
    ok: checks.every((result) => result.ok),
    durationMs: performance.now() - started,
  };
}
