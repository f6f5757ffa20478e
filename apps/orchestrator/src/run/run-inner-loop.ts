import { runLatentLoop, type LatentEvent, type LatentLoopMode, type LatentLoopResult } from '@ndli/latent-core';
import type { StepContext } from './run-context.js';

/** An artifact a round made: `candidate` is undefined when the round makes one (`--candidates 1`). */
export interface RoundArtifact {
  candidate: number | undefined;
  path: string;
}

export interface LoopRun {
  round: number;
  candidate: number | undefined;
  directory: string;
  mode: LatentLoopMode;
  seed: number | undefined;
  onEvent?: (event: LatentEvent) => void;
}

/** One inner loop (resuming whatever of it is already on disk), its calls counted into its round and candidate. */
export async function runInnerLoop(context: StepContext, run: LoopRun): Promise<LatentLoopResult> {
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
