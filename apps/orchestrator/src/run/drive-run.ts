import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readLoopUsage } from '@ndli/latent-core';
import type { LanguageModel } from '@ndli/models';
import type { EventListener, OrchestratorEvent } from '../events.js';
import { ConcurrencyLimitedModel } from './concurrency-limited-model.js';
import { describeError, errorCode } from './describe-error.js';
import { judgeCandidates } from './judge-candidates.js';
import { generateRound, hasCandidates } from './generate-round.js';
import { judgeRound } from './judge-round.js';
import { decideNextRound, type NextStep } from './next-round-policy.js';
import type { RunContext, RunOutcome, StepContext } from './run-context.js';
import type { RoundSummary, RunStatus } from './run-metadata.js';
import { exhaustedBudget } from './stop-conditions.js';
import { MeteredModel, type CallHandle } from './usage-meter.js';
import { ndliCommand } from '../hints/ndli-command.js';

export type { RunContext, RunOutcome } from './run-context.js';

/** Statuses after which `ndli resume` can continue the run. */
const RESUMABLE: ReadonlySet<RunStatus> = new Set(['interrupted', 'error', 'judge-error']);

/** Generates the round's artifact(s) (unless already saved and waiting for a verdict), then judges them. */
async function generateAndJudge(context: StepContext, round: number): Promise<void> {
  const summary = context.record.round(round);
  if (hasCandidates(context, round)) {
    const artifacts = await generateRound(context, round);
    await judgeCandidates(context, round, artifacts);
    return;
  }
  const savedArtifact = join(context.store.roundDirectory(round), context.spec.artifactFileName);
  let artifactPath = savedArtifact;
  if (summary?.status !== 'judging' || !existsSync(savedArtifact)) {
    const [artifact] = await generateRound(context, round);
    artifactPath = artifact?.path ?? savedArtifact;
  }
  await judgeRound(context, round, artifactPath, { rejudge: false });
}

/** The named steps of the outer loop; each leaves a judged round behind. */
async function runStep(context: StepContext, step: Exclude<NextStep, { kind: 'end' }>): Promise<number> {
  const { record } = context;
  const next = record.metadata.rounds.length + 1;
  switch (step.kind) {
    case 'init': {
      record.openRound(next, { kind: record.metadata.mode === 'one-shot' ? 'one-shot' : 'init', attempt: 1 });
      await generateAndJudge(context, next);
      return next;
    }
    case 'continue': {
      await generateAndJudge(context, step.round);
      return step.round;
    }
    case 'rejudge': {
      context.emit({ type: 'rejudge', round: step.round, judgeErrors: record.round(step.round)?.judgeErrorTitles ?? [] });
      record.reopenForRejudge(step.round);
      await judgeRound(context, step.round, join(context.store.roundDirectory(step.round), context.spec.artifactFileName), { rejudge: true });
      return step.round;
    }
    case 'fix': {
      if (step.revealHeldOut) {
        record.revealHeldOut(next);
        context.emit({ type: 'held-out-revealed', round: next, failingTests: record.round(step.anchorRound)?.heldOutFailingTitles ?? [] });
      }
      record.openRound(next, { kind: 'fix', attempt: step.attempt, anchorRound: step.anchorRound });
      await generateAndJudge(context, next);
      return next;
    }
    case 'restart': {
      record.recordRestart();
      const stalled = record.metadata.rounds.at(-1);
      context.emit({
        type: 'restart',
        round: next,
        attempt: step.attempt,
        fromAttempt: step.fromAttempt,
        failingTests: stalled?.failingTitles ?? [],
        restartsLeft: context.config.maxRestarts - record.metadata.restarts,
      });
      record.openRound(next, { kind: 'restart', attempt: step.attempt });
      await generateAndJudge(context, next);
      return next;
    }
  }
}

/**
 * Aborts the run's work (the model calls in flight included) when the token budget is used up, and
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
 * The run's model for one round (and candidate): limited to `concurrency` calls in flight, every call's
 * tokens counted into its round and candidate as it finishes, and the token budget checked against the
 * saved totals plus what every call in flight has generated so far (concurrent calls counted apart).
 */
function modelFactory(context: RunContext, controller: AbortController): (round: number, candidate: number | undefined) => LanguageModel {
  const { record, config } = context;
  const limited = new ConcurrencyLimitedModel(context.model, config.concurrency);
  const inFlight = new Map<CallHandle, number>();
  const checkTokens = () => {
    const streaming = [...inFlight.values()].reduce((sum, completion) => sum + completion, 0);
    const tokens = { prompt: record.metadata.tokens.prompt, completion: record.metadata.tokens.completion + streaming };
    if (!controller.signal.aborted && exhaustedBudget(config, { tokens, elapsedMs: 0 }) === 'budget-tokens') controller.abort('budget-tokens');
  };
  return (round, candidate) =>
    new MeteredModel(limited, {
      onCall: (tokens, call) => {
        inFlight.delete(call);
        record.addCallUsage(round, candidate, tokens);
        checkTokens();
      },
      onProgress: (completion, call) => {
        inFlight.set(call, completion);
        checkTokens();
      },
      onSettled: (call) => inFlight.delete(call),
    });
}

/** Records how the run ended, saves it, and says so (`run-end`). */
function endRun(context: StepContext, status: RunStatus, endReason: string, error?: unknown): RunOutcome {
  const { record, store } = context;
  record.end(status, endReason, error === undefined ? undefined : describeError(error));
  const metadata = record.metadata;
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
  return { status, endReason, runDirectory: store.directory, artifactPath, metadata: structuredClone(metadata), error };
}

/** The loop directories of an unfinished round, to read what they spent. */
function loopDirectories(context: StepContext, summary: Readonly<RoundSummary>): { candidate: number | undefined; directory: string }[] {
  if (summary.candidates === undefined) return [{ candidate: undefined, directory: context.store.roundDirectory(summary.round) }];
  return summary.candidates.filter((candidate) => candidate.status === 'generating').map((candidate) => ({ candidate: candidate.candidate, directory: context.store.path(candidate.directory) }));
}

/** Why a step threw: Ctrl-C, a budget, or an error (the unfinished round keeps what its inner loops spent). */
function endAfterThrow(context: StepContext, signal: AbortSignal, error: unknown): RunOutcome {
  const { record } = context;
  const unfinished = record.metadata.rounds.at(-1);
  const stopped = signal.aborted;
  if (unfinished && unfinished.status !== 'judged') {
    // A stopped or failed inner loop still spent tokens, retries and truncations: the research record keeps them.
    const spent = loopDirectories(context, unfinished).map(({ candidate, directory }) => ({ candidate, usage: readLoopUsage(directory) }));
    record.failRound(unfinished.round, spent, !stopped);
  }
  if (stopped) {
    const reason: unknown = signal.reason;
    if (reason === 'budget-tokens' || reason === 'budget-wall-time') return endRun(context, 'failed', reason);
    return endRun(context, 'interrupted', 'interrupted');
  }
  return endRun(context, 'error', errorCode(error), error);
}

/**
 * The outer loop: a small driver over the named steps, asking `decideNextRound` what comes next after
 * every judged round, until green, stalled, a judge error, out of rounds or budget. The run record saves
 * every transition (counters and `durationMs` call by call), so `resume` can pick up from any point.
 */
export async function driveRun(context: RunContext): Promise<RunOutcome> {
  const { store, record, config } = context;
  const emit: EventListener = (event: OrchestratorEvent) => {
    store.appendEvent(event);
    context.onEvent?.(event);
  };
  const controller = budgetController(context);
  const step: StepContext = { ...context, modelFor: modelFactory(context, controller), signal: controller.signal, emit };
  const metadata = record.metadata;

  record.beginSession({ resumed: context.resumed, scripted: context.model.scripted });
  if (context.spec.heldOut && record.metadata.heldOut === undefined) record.recordHeldOutMode(config.heldOut);
  emit({ type: 'run-start', runDirectory: store.directory, spec: context.spec.name, model: metadata.model, mode: metadata.mode, maxRounds: metadata.mode === 'ndli' ? config.maxRounds : 1, resumed: context.resumed });

  try {
    for (;;) {
      const next = decideNextRound({
        mode: metadata.mode,
        rounds: metadata.rounds,
        restarts: metadata.restarts,
        limits: { maxRounds: config.maxRounds, stallRounds: config.stallRounds, maxRestarts: config.maxRestarts },
        budget: exhaustedBudget(config, { tokens: metadata.tokens, elapsedMs: record.elapsedMs() }),
        heldOut: metadata.heldOut && { mode: metadata.heldOut.mode, revealedFromRound: metadata.heldOut.revealedFromRound },
      });
      if (next.kind === 'end') return endRun(step, next.status, next.endReason);
      // Stopped between rounds: end here rather than open a round that does nothing.
      if (controller.signal.aborted) throw new Error('aborted between rounds');
      const round = await runStep(step, next);
      const summary = record.round(round);
      if (summary) emit({ type: 'round-end', round, summary: structuredClone(summary) });
    }
  } catch (error) {
    return endAfterThrow(step, controller.signal, error);
  }
}
