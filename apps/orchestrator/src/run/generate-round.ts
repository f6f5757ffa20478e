import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RUN_FILES, ReasoningStateSchema, readLoopUsage, runLatentLoop, type LatentEvent, type LatentLoopMode, type LatentLoopResult } from '@ndli/latent-core';
import { partitionVerdict, toFixBlockers, VerdictSchema, type FixBlocker, type Verdict } from '@ndli/ralph';
import { candidateDirectory, candidateLoopDirectory, stateDirectory } from './candidate-directories.js';
import { CandidatesFailedError } from '../errors.js';
import { describeError } from './describe-error.js';
import type { StepContext } from './run-context.js';
import type { RoundSummary } from './run-metadata.js';
import { VERDICT_FILE, copyFileAtomic } from './run-store.js';
import { anchorRound, fullTitle } from './test-anchors.js';

/** An artifact a round made: `candidate` is undefined when the round makes one (`--candidates 1`). */
export interface RoundArtifact {
  candidate: number | undefined;
  path: string;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

/**
 * A round's verdict as the model may see it (FIX blockers, pitfalls, GENERATE's failing behaviours): the
 * visible tests only, unless the run revealed its held-out failures before the round being made (`forRound`).
 */
function verdictForModel(context: StepContext, round: number, forRound: number): Verdict {
  const verdict = VerdictSchema.parse(readJson(join(context.store.roundDirectory(round), VERDICT_FILE)));
  const revealedFrom = context.record.metadata.heldOut?.revealedFromRound;
  if (revealedFrom !== undefined && forRound >= revealedFrom) return verdict;
  return partitionVerdict(verdict, context.spec.heldOut).visible;
}

/**
 * A FIX round's blockers: what still fails in the anchor (the state it builds on), plus the tests the
 * round before broke (they passed in the anchor), flagged as regressions. Read from the saved verdicts,
 * so a resumed round gets the same blockers.
 */
function fixBlockers(anchor: Verdict, latest: { verdict: Verdict; regressedTitles: readonly string[] } | undefined): FixBlocker[] {
  const regressed = new Set(latest?.regressedTitles ?? []);
  const broken = latest ? latest.verdict.failures.filter((failure) => regressed.has(fullTitle(failure))) : [];
  const anchorFailing = new Set(anchor.failures.map(fullTitle));
  const failures = [...anchor.failures, ...broken.filter((failure) => !anchorFailing.has(fullTitle(failure)))];
  return toFixBlockers({ ...anchor, failures }, { regressedTitles: regressed });
}

/** What the inner loop of this round is asked to do. */
function latentMode(context: StepContext, summary: Readonly<RoundSummary>): { mode: LatentLoopMode; fixTasks: number } {
  const { record } = context;
  if (summary.kind === 'one-shot') return { mode: { kind: 'one-shot' }, fixTasks: 0 };
  if (summary.kind === 'init') return { mode: { kind: 'fresh' }, fixTasks: 0 };
  if (summary.kind === 'restart') {
    // The failing behaviours of the attempt that stalled, from its best round, as known pitfalls.
    const stalled = anchorRound(record.metadata.rounds, summary.attempt - 1);
    const pitfalls = stalled ? toFixBlockers(verdictForModel(context, stalled.round, summary.round)) : [];
    return { mode: { kind: 'fresh', pitfalls }, fixTasks: pitfalls.length };
  }
  const anchor = summary.anchorRound ?? summary.round - 1;
  // The anchor's state is its selected candidate's (with `--candidate-scope loop` each candidate has its own).
  const previousState = ReasoningStateSchema.parse(readJson(join(stateDirectory(context.store, record.round(anchor)), RUN_FILES.stateFinal)));
  const previous = record.round(summary.round - 1);
  const latest = previous && previous.round !== anchor ? { verdict: verdictForModel(context, previous.round, summary.round), regressedTitles: previous.regressedTitles ?? [] } : undefined;
  const failures = fixBlockers(verdictForModel(context, anchor, summary.round), latest);
  return { mode: { kind: 'fix', previousState, failures }, fixTasks: failures.length };
}

interface LoopRun {
  round: number;
  candidate: number | undefined;
  directory: string;
  mode: LatentLoopMode;
  seed: number | undefined;
  onEvent?: (event: LatentEvent) => void;
}

/** One inner loop (resuming whatever of it is already on disk), its calls counted into its round and candidate. */
async function runLoop(context: StepContext, run: LoopRun): Promise<LatentLoopResult> {
  const { config } = context;
  const summary = context.record.round(run.round);
  let generateTokens: { prompt: number; completion: number } | undefined;
  const result = await runLatentLoop({
    model: context.modelFor(run.round, run.candidate),
    task: context.spec.taskPrompt,
    artifactFileName: context.spec.artifactFileName,
    directory: run.directory,
    mode: run.mode,
    settings: {
      maxRefinements: config.maxRefinements,
      minSolvePerIteration: config.minSolvePerIteration,
      maxRetries: config.maxRetries,
      stallLimit: config.refineStallLimit,
      refineOutput: config.refineOutput,
      temperature: config.temperature,
      maxTokens: config.maxTokens,
      ...(run.seed === undefined ? {} : { seed: run.seed }),
    },
    onEvent: (event) => {
      if (event.type === 'phase-end' && (event.phase === 'generate' || event.phase === 'one-shot')) generateTokens = event.tokens;
      run.onEvent?.(event);
      context.emit({ type: 'latent', round: run.round, ...(run.candidate === undefined ? {} : { candidate: run.candidate }), event });
    },
    signal: context.signal,
    // Always resume: on a fresh directory there is nothing to resume and it starts anew.
    resume: true,
    metadata: { round: run.round, attempt: summary?.attempt, spec: context.spec.name, runDirectory: context.store.directory, ...(run.candidate === undefined ? {} : { candidate: run.candidate }) },
  });
  context.record.recordGeneration(run.round, run.candidate, { usage: result, endReason: result.endReason, refinements: result.refinements, durationMs: result.durationMs, ...(generateTokens ? { generateTokens } : {}) });
  return result;
}

function emitRoundStart(context: StepContext, summary: Readonly<RoundSummary>, fixTasks: number): void {
  const { record, config } = context;
  const anchor = summary.anchorRound === undefined ? undefined : record.round(summary.anchorRound);
  const previous = record.round(summary.round - 1);
  context.emit({
    type: 'round-start',
    round: summary.round,
    maxRounds: record.metadata.mode === 'ndli' ? config.maxRounds : 1,
    kind: summary.kind,
    attempt: summary.attempt,
    anchorRound: summary.anchorRound,
    fixTasks,
    failingTests: anchor?.failingTitles?.length ?? 0,
    regressedTests: previous && previous.round !== summary.anchorRound ? (previous.regressedTitles?.length ?? 0) : 0,
    ...(config.candidates > 1 ? { candidates: config.candidates, candidateScope: config.candidateScope } : {}),
  });
}

/** Runs the round's inner loop, or its N candidates, and returns the artifacts to judge. */
export async function generateRound(context: StepContext, round: number): Promise<RoundArtifact[]> {
  const summary = context.record.round(round);
  if (summary === undefined) throw new Error(`Round ${round} was never opened.`);
  context.record.startGenerating(round);
  const { mode, fixTasks } = latentMode(context, summary);
  emitRoundStart(context, summary, fixTasks);
  if (context.config.candidates <= 1 && summary.candidates === undefined) {
    const result = await runLoop(context, { round, candidate: undefined, directory: context.store.roundDirectory(round), mode, seed: context.config.seed });
    return [{ candidate: undefined, path: result.artifact.path }];
  }
  return generateCandidates(context, round, mode);
}

/** Candidate K's seed: distinct per candidate, the configured seed (if any) for the first. */
function candidateSeed(seed: number | undefined, candidate: number): number | undefined {
  if (candidate === 1) return seed;
  return (seed ?? 0) + candidate - 1;
}

/**
 * N candidates. `generate` scope: the round's inner loop runs once (candidate 1, in the round's directory)
 * and candidates 2…N each GENERATE from its final state, with their own seed; `loop` scope (and one-shot):
 * N independent inner loops. With `concurrency` 1 they run one after another (a replayed transcript
 * stays in order); above it they run at once, the model's limiter keeping the calls in flight.
 * A candidate whose model fails is kept with its error; the round goes on with the others.
 */
async function generateCandidates(context: StepContext, round: number, mode: LatentLoopMode): Promise<RoundArtifact[]> {
  const { config, store, record } = context;
  const count = record.round(round)?.candidates?.length ?? config.candidates;
  const scope = record.round(round)?.candidateScope ?? config.candidateScope;
  const sharedState = scope === 'generate' && mode.kind !== 'one-shot';
  const numbers = Array.from({ length: count }, (_, index) => index + 1);
  record.openCandidates(
    round,
    scope,
    numbers.map((candidate) => {
      const seed = candidateSeed(config.seed, candidate);
      return { candidate, directory: relative(store.directory, candidateLoopDirectory(store, round, candidate)), ...(seed === undefined ? {} : { seed }) };
    }),
  );

  const run = async (candidate: number, onEvent?: (event: LatentEvent) => void): Promise<RoundArtifact | undefined> => {
    const kept = record.round(round)?.candidates?.find((entry) => entry.candidate === candidate);
    const artifact = join(candidateDirectory(store, round, candidate), context.spec.artifactFileName);
    // Judged before an interruption: nothing to make again.
    if (kept?.status === 'judged' && existsSync(artifact)) return { candidate, path: artifact };
    const directory = candidateLoopDirectory(store, round, candidate);
    try {
      if (sharedState && candidate > 1) shareFinalState(store.roundDirectory(round), directory);
      const result = await runLoop(context, { round, candidate, directory, mode, seed: candidateSeed(config.seed, candidate), ...(onEvent ? { onEvent } : {}) });
      // Every candidate's artifact and verdict live under candidates/K/ (candidate 1's loop ran in the round's directory).
      mkdirSync(candidateDirectory(store, round, candidate), { recursive: true });
      if (result.artifact.path !== artifact) copyFileAtomic(result.artifact.path, artifact);
      return { candidate, path: artifact };
    } catch (error) {
      if (context.signal.aborted) throw error;
      const usage = readLoopUsage(directory);
      if (usage) record.recordGeneration(round, candidate, { usage });
      const described = describeError(error);
      record.failCandidate(round, candidate, described);
      context.emit({ type: 'candidate-error', round, candidate, stage: 'generate', error: described });
      return undefined;
    }
  };

  let results: (RoundArtifact | undefined)[];
  if (config.concurrency <= 1) {
    results = [];
    for (const candidate of numbers) results.push(await run(candidate));
  } else if (sharedState) {
    // The others start as soon as candidate 1's final state is saved (its GENERATE begins), not after it.
    let release: () => void = () => undefined;
    const finalStateSaved = new Promise<void>((resolve) => (release = resolve));
    const first = run(1, (event) => {
      if (event.type === 'phase-start' && event.phase === 'generate') release();
    }).finally(release);
    const others = finalStateSaved.then(() => settleAll(numbers.slice(1).map((candidate) => run(candidate))));
    const [one, rest] = await Promise.allSettled([first, others]);
    if (one.status === 'rejected') throw one.reason;
    if (rest.status === 'rejected') throw rest.reason;
    results = [one.value, ...rest.value];
  } else {
    results = await settleAll(numbers.map((candidate) => run(candidate)));
  }
  const artifacts = results.filter((result): result is RoundArtifact => result !== undefined);
  if (artifacts.length === 0) {
    const failed = record.round(round)?.candidates?.find((entry) => entry.error);
    throw new CandidatesFailedError(round, failed?.error);
  }
  return artifacts;
}

/**
 * Like Promise.all, but waits for every promise before throwing the first error: a stopped run ends only
 * once no candidate is still writing.
 */
export async function settleAll<VALUE>(promises: readonly Promise<VALUE>[]): Promise<VALUE[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<VALUE>).value);
}

/** Candidate K (generate scope) GENERATEs from the round's final state: its loop resumes from a copy of it. */
function shareFinalState(roundDirectory: string, candidateDirectoryPath: string): void {
  const finalState = join(roundDirectory, RUN_FILES.stateFinal);
  const copy = join(candidateDirectoryPath, RUN_FILES.stateFinal);
  if (existsSync(copy)) return;
  if (!existsSync(finalState)) throw new Error(`The round's inner loop ended before its final state (${finalState}); there is nothing to GENERATE from.`);
  mkdirSync(candidateDirectoryPath, { recursive: true });
  copyFileSync(finalState, copy);
}
