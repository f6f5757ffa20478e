import { createHash } from 'node:crypto';
import { z } from 'zod';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReasoningStateSchema, runLatentLoop, type LatentLoopResult, type ReasoningState } from '@ndli/latent-core';
import type { LanguageModel } from '@ndli/models';
import { toFixBlockers, VerdictSchema, type Judge, type SpecFolder, type Verdict } from '@ndli/ralph';
import type { NdliConfig } from '../config/config-schema.js';
import type { EventListener, OrchestratorEvent } from '../events.js';
import type { RunStore} from './run-store.js';
import { VERDICT_FILE, copyFileAtomic, writeJsonAtomic } from './run-store.js';
import type { RoundSummary, RunMetadata, RunStatus } from './run-metadata.js';
import { exhaustedBudget, isGreen, isStagnant, roundsExhausted } from './stop-conditions.js';
import { compareFailures, isBetterRound } from './test-anchors.js';

export interface RunContext {
  store: RunStore;
  metadata: RunMetadata;
  config: NdliConfig;
  spec: SpecFolder;
  model: LanguageModel;
  judge: Judge;
  onEvent: EventListener | undefined;
  /** Aborted by Ctrl-C (interrupt) or an exhausted budget (see `budgetSignal`). */
  signal: AbortSignal | undefined;
  resumed: boolean;
}

export interface RunOutcome {
  status: RunStatus;
  endReason: string;
  runDirectory: string;
  artifactPath: string | undefined;
  metadata: RunMetadata;
  error: unknown;
}

function digestFailures(verdict: Verdict, blockers: ReturnType<typeof toFixBlockers>): string {
  const titles = verdict.failures.map((failure) => failure.title).sort();
  return createHash('sha256').update(JSON.stringify({ titles, blockers })).digest('hex').slice(0, 16);
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

/** The state a FIX round builds on and the failures it must fix, both from the previous round's files. */
function fixInput(context: RunContext, round: number): { previousState: ReasoningState; failures: ReturnType<typeof toFixBlockers> } {
  const previousDirectory = context.store.roundDirectory(round - 1);
  const previousState = ReasoningStateSchema.parse(readJson(join(previousDirectory, 'state_final.json')));
  const verdict = VerdictSchema.parse(readJson(join(previousDirectory, VERDICT_FILE)));
  const previousSummary = context.metadata.rounds[round - 2];
  return { previousState, failures: toFixBlockers(verdict, { regressedTitles: previousSummary?.regressedTitles ?? [] }) };
}

function roundKind(context: RunContext, round: number): RoundSummary['kind'] {
  if (context.metadata.mode === 'one-shot') return 'one-shot';
  return round === 1 ? 'init' : 'fix';
}

async function generate(context: RunContext, round: number, summary: RoundSummary, emit: EventListener): Promise<LatentLoopResult> {
  const { config } = context;
  const fix = summary.kind === 'fix' ? fixInput(context, round) : undefined;
  const mode =
    summary.kind === 'one-shot'
      ? ({ kind: 'one-shot' } as const)
      : fix
        ? ({ kind: 'fix', previousState: fix.previousState, failures: fix.failures } as const)
        : ({ kind: 'fresh' } as const);
  emit({
    type: 'round-start',
    round,
    maxRounds: effectiveMaxRounds(context),
    kind: summary.kind,
    fixTasks: fix?.failures.length ?? 0,
    failingTests: context.metadata.rounds[round - 2]?.failingTitles?.length ?? 0,
    regressedTests: context.metadata.rounds[round - 2]?.regressedTitles?.length ?? 0,
  });
  return runLatentLoop({
    model: context.model,
    task: context.spec.taskPrompt,
    artifactFileName: context.spec.artifactFileName,
    directory: context.store.roundDirectory(round),
    mode,
    settings: {
      maxRefinements: config.maxRefinements,
      minSolvePerIteration: config.minSolvePerIteration,
      maxRetries: config.maxRetries,
      stallLimit: config.refineStallLimit,
      temperature: config.temperature,
      maxTokens: config.maxTokens,
      ...(config.seed === undefined ? {} : { seed: config.seed }),
    },
    onEvent: (event) => emit({ type: 'latent', round, event }),
    ...(context.signal ? { signal: context.signal } : {}),
    // Always resume: on a fresh round directory there is nothing to resume and it starts anew.
    resume: true,
    metadata: { round, spec: context.spec.name, runDirectory: context.store.directory },
  });
}

function effectiveMaxRounds(context: RunContext): number {
  return context.metadata.mode === 'ndli' ? context.config.maxRounds : 1;
}

/** Judges the round's artifact and records what it fixed, broke, and whether it is the new best. */
async function judgeRound(context: RunContext, round: number, summary: RoundSummary, artifactPath: string, emit: EventListener): Promise<Verdict> {
  emit({ type: 'judge-start', round, artifactPath });
  const roundDirectory = context.store.roundDirectory(round);
  const started = Date.now();
  const verdict = await context.judge.run({
    spec: context.spec,
    artifact: artifactPath,
    outputDirectory: join(roundDirectory, 'ralph'),
    onProgress: (progress) => emit({ type: 'judge-progress', round, ...progress }),
    ...(context.signal ? { signal: context.signal } : {}),
  });
  writeJsonAtomic(join(roundDirectory, VERDICT_FILE), verdict);
  const failingTitles = verdict.failures.map((failure) => failure.title);
  const allTitles = verdict.tests.map((test) => test.title);
  const previous = context.metadata.rounds[round - 2];
  const changes = compareFailures(previous?.failingTitles, failingTitles, allTitles);
  Object.assign(summary, {
    status: 'judged',
    judgeMs: Date.now() - started,
    passed: verdict.passed,
    total: verdict.total,
    failingTitles,
    fixedTitles: changes.fixedTitles,
    regressedTitles: changes.regressedTitles,
    blockerDigest: digestFailures(verdict, toFixBlockers(verdict)),
  } satisfies Partial<RoundSummary>);
  if (isBetterRound(summary, context.metadata.best)) {
    context.metadata.best = { round, passed: verdict.passed, total: verdict.total };
    // The best artifact so far is the run's result, anchored at the run root.
    copyFileAtomic(artifactPath, context.store.path(context.spec.artifactFileName));
  }
  emit({ type: 'verdict', round, verdict, fixedTitles: changes.fixedTitles, regressedTitles: changes.regressedTitles, best: context.metadata.best });
  return verdict;
}

/** Decides after a judged round whether the run ends, and how. */
function endOfRound(context: RunContext, round: number, summary: RoundSummary, elapsedMs: number): { status: RunStatus; endReason: string } | undefined {
  if (isGreen(summary)) return { status: 'passed', endReason: 'all-tests-passed' };
  if (context.metadata.mode !== 'ndli') return { status: 'failed', endReason: context.metadata.mode === 'one-shot' ? 'one-shot' : 'no-fix-rounds' };
  if (isStagnant(context.metadata.rounds, context.config.stallRounds)) return { status: 'stalled', endReason: 'same-failures-repeated' };
  if (roundsExhausted(round, context.config.maxRounds)) return { status: 'failed', endReason: 'max-rounds' };
  const budget = exhaustedBudget(context.config, { tokens: context.metadata.tokens, elapsedMs });
  return budget ? { status: 'failed', endReason: budget } : undefined;
}

interface InnerUsage {
  tokens: { prompt: number; completion: number };
  calls: number;
  retries: number;
  truncations: number;
}

/** What the inner loop of a round spent, as its own run_metadata.json records it (kept when it failed, too). */
const InnerUsageSchema = z.object({ tokens: z.object({ prompt: z.number(), completion: z.number() }), calls: z.number(), retries: z.number(), truncations: z.number() });

function readInnerUsage(roundDirectory: string): InnerUsage | undefined {
  const path = join(roundDirectory, 'run_metadata.json');
  if (!existsSync(path)) return undefined;
  const parsed = InnerUsageSchema.safeParse(readJson(path));
  return parsed.success ? parsed.data : undefined;
}

/** Counts a round's inner-loop usage into the round and the run (totals are cumulative, so add the difference). */
function applyUsage(context: RunContext, summary: RoundSummary, usage: InnerUsage): void {
  const before = summary.tokens;
  summary.tokens = { prompt: usage.tokens.prompt, completion: usage.tokens.completion };
  context.metadata.tokens.prompt += summary.tokens.prompt - before.prompt;
  context.metadata.tokens.completion += summary.tokens.completion - before.completion;
  Object.assign(summary, { calls: usage.calls, retries: usage.retries, truncations: usage.truncations } satisfies Partial<RoundSummary>);
}

function addResult(context: RunContext, summary: RoundSummary, result: LatentLoopResult): void {
  applyUsage(context, summary, result);
  Object.assign(summary, { innerEndReason: result.endReason, refinements: result.refinements, generateMs: result.durationMs } satisfies Partial<RoundSummary>);
}

/**
 * The outer loop: generate → judge → FIX → judge … until green, stalled, out of rounds or budget.
 * Every step is saved before the next starts, so `resume` can pick up from any point.
 */
export async function driveRun(context: RunContext): Promise<RunOutcome> {
  const { store, metadata } = context;
  const started = Date.now();
  const durationBefore = metadata.durationMs;
  const elapsed = () => durationBefore + (Date.now() - started);
  const emit: EventListener = (event: OrchestratorEvent) => {
    store.appendEvent(event);
    context.onEvent?.(event);
  };
  const finish = (status: RunStatus, endReason: string, error?: unknown): RunOutcome => {
    metadata.status = status;
    metadata.endReason = endReason;
    metadata.durationMs = elapsed();
    if (status !== 'interrupted') metadata.endedAt = new Date().toISOString();
    if (error !== undefined) metadata.error = describeError(error);
    store.writeMetadata(metadata);
    const artifactPath = metadata.best ? store.path(context.spec.artifactFileName) : undefined;
    const resumeCommand = status === 'interrupted' || status === 'error' ? `pnpm ndli resume ${store.directory}` : undefined;
    emit({
      type: 'run-end',
      status,
      endReason,
      runDirectory: store.directory,
      artifactPath,
      best: metadata.best,
      rounds: metadata.rounds.length,
      tokens: metadata.tokens,
      durationMs: metadata.durationMs,
      scripted: metadata.model.scripted,
      resumeCommand,
      error: metadata.error,
    });
    return { status, endReason, runDirectory: store.directory, artifactPath, metadata, error };
  };

  metadata.status = 'running';
  delete metadata.endedAt;
  delete metadata.error;
  store.writeMetadata(metadata);
  emit({ type: 'run-start', runDirectory: store.directory, spec: context.spec.name, model: metadata.model, mode: metadata.mode, maxRounds: effectiveMaxRounds(context), resumed: context.resumed });

  // A round whose verdict is saved is complete; an unjudged last round is continued, not redone.
  let round = metadata.rounds.filter((summary) => summary.status === 'judged').length + 1;
  try {
    for (;;) {
      const ended = round > 1 ? endOfRound(context, round - 1, metadata.rounds[round - 2]!, elapsed()) : undefined;
      if (ended) return finish(ended.status, ended.endReason);
      const budget = exhaustedBudget(context.config, { tokens: metadata.tokens, elapsedMs: elapsed() });
      if (budget) return finish('failed', budget);
      // Stopped between rounds: end here rather than open a round that does nothing.
      if (context.signal?.aborted) throw new Error('aborted between rounds');

      const summary: RoundSummary = metadata.rounds[round - 1] ?? {
        round,
        kind: roundKind(context, round),
        status: 'generating',
        calls: 0,
        retries: 0,
        truncations: 0,
        tokens: { prompt: 0, completion: 0 },
      };
      metadata.rounds[round - 1] = summary;
      store.writeMetadata(metadata);

      const roundDirectory = store.roundDirectory(round);
      const savedArtifact = join(roundDirectory, context.spec.artifactFileName);
      const artifactPath =
        summary.status === 'judging' && existsSync(savedArtifact)
          ? savedArtifact
          : await generate(context, round, summary, emit).then((result) => {
              addResult(context, summary, result);
              return result.artifact.path;
            });
      summary.status = 'judging';
      store.writeMetadata(metadata);

      await judgeRound(context, round, summary, artifactPath, emit);
      emit({ type: 'round-end', round, summary });
      store.writeMetadata(metadata);
      round += 1;
    }
  } catch (error) {
    const current = metadata.rounds[round - 1];
    if (current && current.status !== 'judged') {
      // A stopped or failed inner loop still spent tokens, retries and truncations: the research record keeps them.
      const usage = readInnerUsage(store.roundDirectory(round));
      if (usage) applyUsage(context, current, usage);
    }
    if (context.signal?.aborted) {
      const reason: unknown = context.signal.reason;
      if (reason === 'budget-tokens' || reason === 'budget-wall-time') return finish('failed', reason);
      return finish('interrupted', 'interrupted');
    }
    if (current && current.status !== 'judged') current.status = 'error';
    return finish('error', errorCode(error), error);
  }
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'UNEXPECTED_ERROR';
}

export function describeError(error: unknown): { code: string; message: string } {
  return { code: errorCode(error), message: error instanceof Error ? error.message : String(error) };
}
