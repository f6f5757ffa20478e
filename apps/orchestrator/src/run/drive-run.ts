import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EventListener, OrchestratorEvent } from '../events.js';
import { generateRound } from './generate-round.js';
import { judgeRound } from './judge-round.js';
import { decideNextRound, type NextStep } from './next-round-policy.js';
import type { RunContext, RunOutcome, StepContext } from './run-context.js';
import type { RoundSummary, RunStatus } from './run-metadata.js';
import { addCallUsage, addResult, applyUsage, readInnerUsage } from './round-usage.js';
import { exhaustedBudget } from './stop-conditions.js';
import { MeteredModel } from './usage-meter.js';
import { ndliCommand } from '../hints/ndli-command.js';

export type { RunContext, RunOutcome } from './run-context.js';

/** Statuses after which `ndli resume` can continue the run. */
const RESUMABLE: ReadonlySet<RunStatus> = new Set(['interrupted', 'error', 'judge-error']);

function newRound(context: StepContext, round: number, fields: Pick<RoundSummary, 'kind' | 'attempt'> & Partial<RoundSummary>): RoundSummary {
  const summary: RoundSummary = { round, status: 'generating', calls: 0, retries: 0, truncations: 0, judgeErrors: 0, tokens: { prompt: 0, completion: 0 }, ...fields };
  context.metadata.rounds[round - 1] = summary;
  context.save();
  return summary;
}

/** Generates the round's artifact (unless it is already saved and waiting for its verdict), then judges it. */
async function generateAndJudge(context: StepContext, summary: RoundSummary): Promise<void> {
  const savedArtifact = join(context.store.roundDirectory(summary.round), context.spec.artifactFileName);
  let artifactPath = savedArtifact;
  if (summary.status !== 'judging' || !existsSync(savedArtifact)) {
    summary.status = 'generating';
    const result = await generateRound(context, summary);
    addResult(context.metadata, summary, result);
    artifactPath = result.artifact.path;
  }
  summary.status = 'judging';
  context.save();
  await judgeRound(context, summary, artifactPath, { rejudge: false });
}

/** The named steps of the outer loop; each leaves a judged round behind. */
async function runStep(context: StepContext, step: Exclude<NextStep, { kind: 'end' }>): Promise<RoundSummary> {
  const { metadata } = context;
  const next = metadata.rounds.length + 1;
  switch (step.kind) {
    case 'init': {
      const summary = newRound(context, next, { kind: metadata.mode === 'one-shot' ? 'one-shot' : 'init', attempt: 1 });
      await generateAndJudge(context, summary);
      return summary;
    }
    case 'continue': {
      const summary = metadata.rounds[step.round - 1]!;
      await generateAndJudge(context, summary);
      return summary;
    }
    case 'rejudge': {
      const summary = metadata.rounds[step.round - 1]!;
      context.emit({ type: 'rejudge', round: step.round, judgeErrors: summary.judgeErrorTitles ?? [] });
      summary.status = 'judging';
      context.save();
      await judgeRound(context, summary, join(context.store.roundDirectory(step.round), context.spec.artifactFileName), { rejudge: true });
      return summary;
    }
    case 'fix': {
      const summary = newRound(context, next, { kind: 'fix', attempt: step.attempt, anchorRound: step.anchorRound });
      await generateAndJudge(context, summary);
      return summary;
    }
    case 'restart': {
      metadata.restarts += 1;
      const stalled = metadata.rounds.at(-1);
      context.emit({
        type: 'restart',
        round: next,
        attempt: step.attempt,
        fromAttempt: step.fromAttempt,
        failingTests: stalled?.failingTitles ?? [],
        restartsLeft: context.config.maxRestarts - metadata.restarts,
      });
      const summary = newRound(context, next, { kind: 'restart', attempt: step.attempt });
      await generateAndJudge(context, summary);
      return summary;
    }
  }
}

/**
 * Aborts the run's work (the model call in flight included) when the token budget is used up, and
 * passes on Ctrl-C and the wall-time budget with their own reasons.
 */
function budgetController(context: RunContext): AbortController {
  const controller = new AbortController();
  const outer = context.signal;
  if (outer?.aborted) controller.abort(outer.reason);
  outer?.addEventListener('abort', () => controller.abort(outer.reason), { once: true });
  return controller;
}

/**
 * The run's model, metered: every call's tokens are counted into the round and the run as it finishes
 * (and saved), and the token budget aborts the call in flight as soon as the total reaches it.
 */
function meteredModel(context: RunContext, controller: AbortController, save: () => void): MeteredModel {
  const { metadata, config } = context;
  const checkTokens = (inFlightCompletion: number) => {
    const tokens = { prompt: metadata.tokens.prompt, completion: metadata.tokens.completion + inFlightCompletion };
    if (!controller.signal.aborted && exhaustedBudget(config, { tokens, elapsedMs: 0 }) === 'budget-tokens') controller.abort('budget-tokens');
  };
  return new MeteredModel(context.model, {
    onCall: (tokens) => {
      // Model calls happen only while the last round generates.
      const generating = metadata.rounds.at(-1);
      if (generating && generating.status !== 'judged') addCallUsage(metadata, generating, tokens);
      save();
      checkTokens(0);
    },
    onProgress: checkTokens,
  });
}

/** Records how the run ended, saves it, and says so (`run-end`). */
function endRun(context: StepContext, status: RunStatus, endReason: string, error?: unknown): RunOutcome {
  const { metadata, store } = context;
  metadata.status = status;
  metadata.endReason = endReason;
  if (status !== 'interrupted') metadata.endedAt = new Date().toISOString();
  if (error !== undefined) metadata.error = describeError(error);
  context.save();
  const artifactPath = metadata.best ? store.path(context.spec.artifactFileName) : undefined;
  context.emit({
    type: 'run-end',
    status,
    endReason,
    runDirectory: store.directory,
    artifactPath,
    best: metadata.best,
    rounds: metadata.rounds.length,
    restarts: metadata.restarts,
    tokens: metadata.tokens,
    durationMs: metadata.durationMs,
    scripted: metadata.model.scripted,
    resumeCommand: RESUMABLE.has(status) ? ndliCommand(`resume ${store.directory}`) : undefined,
    error: metadata.error,
  });
  return { status, endReason, runDirectory: store.directory, artifactPath, metadata, error };
}

/** Why a step threw: Ctrl-C, a budget, or an error (the unfinished round keeps what its inner loop spent). */
function endAfterThrow(context: StepContext, signal: AbortSignal, error: unknown): RunOutcome {
  const { metadata, store } = context;
  const unfinished = metadata.rounds.at(-1);
  if (unfinished && unfinished.status !== 'judged') {
    // A stopped or failed inner loop still spent tokens, retries and truncations: the research record keeps them.
    const usage = readInnerUsage(store.roundDirectory(unfinished.round));
    if (usage) applyUsage(metadata, unfinished, usage);
  }
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    if (reason === 'budget-tokens' || reason === 'budget-wall-time') return endRun(context, 'failed', reason);
    return endRun(context, 'interrupted', 'interrupted');
  }
  if (unfinished && unfinished.status !== 'judged') unfinished.status = 'error';
  return endRun(context, 'error', errorCode(error), error);
}

/**
 * The outer loop: a small driver over the named steps, asking `decideNextRound` what comes next after
 * every judged round, until green, stalled, a judge error, out of rounds or budget. Every step is saved
 * before the next starts (counters and `durationMs` call by call), so `resume` can pick up from any point.
 */
export async function driveRun(context: RunContext): Promise<RunOutcome> {
  const { store, metadata, config } = context;
  const started = Date.now();
  const durationBefore = metadata.durationMs;
  const elapsed = () => durationBefore + (Date.now() - started);
  const save = () => {
    metadata.durationMs = elapsed();
    store.writeMetadata(metadata);
  };
  const emit: EventListener = (event: OrchestratorEvent) => {
    store.appendEvent(event);
    context.onEvent?.(event);
    if (event.type === 'latent') save();
  };
  const controller = budgetController(context);
  const step: StepContext = { ...context, model: meteredModel(context, controller, save), signal: controller.signal, emit, save };

  metadata.status = 'running';
  delete metadata.endedAt;
  delete metadata.error;
  save();
  emit({ type: 'run-start', runDirectory: store.directory, spec: context.spec.name, model: metadata.model, mode: metadata.mode, maxRounds: metadata.mode === 'ndli' ? config.maxRounds : 1, resumed: context.resumed });

  try {
    for (;;) {
      const next = decideNextRound({
        mode: metadata.mode,
        rounds: metadata.rounds,
        restarts: metadata.restarts,
        limits: { maxRounds: config.maxRounds, stallRounds: config.stallRounds, maxRestarts: config.maxRestarts },
        budget: exhaustedBudget(config, { tokens: metadata.tokens, elapsedMs: elapsed() }),
      });
      if (next.kind === 'end') return endRun(step, next.status, next.endReason);
      // Stopped between rounds: end here rather than open a round that does nothing.
      if (controller.signal.aborted) throw new Error('aborted between rounds');
      const summary = await runStep(step, next);
      emit({ type: 'round-end', round: summary.round, summary });
      save();
    }
  } catch (error) {
    return endAfterThrow(step, controller.signal, error);
  }
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'UNEXPECTED_ERROR';
}

export function describeError(error: unknown): { code: string; message: string } {
  return { code: errorCode(error), message: error instanceof Error ? error.message : String(error) };
}
