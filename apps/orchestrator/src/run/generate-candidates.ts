import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RUN_FILES, readLoopUsage, type LatentEvent, type LatentLoopMode } from '@ndli/latent-core';
import { CandidatesFailedError } from '../errors.js';
import { candidateDirectory, candidateLoopDirectory } from './candidate-directories.js';
import { describeError } from './describe-error.js';
import type { StepContext } from './run-context.js';
import { runInnerLoop, type RoundArtifact } from './run-inner-loop.js';
import { copyFileAtomic } from './run-store.js';
import { settleAll } from './settle-all.js';

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
export async function generateCandidates(context: StepContext, round: number, mode: LatentLoopMode): Promise<RoundArtifact[]> {
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
      const result = await runInnerLoop(context, { round, candidate, directory, mode, seed: candidateSeed(config.seed, candidate), ...(onEvent ? { onEvent } : {}) });
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

/** Candidate K (generate scope) GENERATEs from the round's final state: its loop resumes from a copy of it. */
function shareFinalState(roundDirectory: string, candidateDirectoryPath: string): void {
  const finalState = join(roundDirectory, RUN_FILES.stateFinal);
  const copy = join(candidateDirectoryPath, RUN_FILES.stateFinal);
  if (existsSync(copy)) return;
  if (!existsSync(finalState)) throw new Error(`The round's inner loop ended before its final state (${finalState}); there is nothing to GENERATE from.`);
  mkdirSync(candidateDirectoryPath, { recursive: true });
  copyFileSync(finalState, copy);
}
