import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReasoningStateSchema, runLatentLoop, type LatentLoopMode, type LatentLoopResult } from '@ndli/latent-core';
import { toFixBlockers, VerdictSchema, type FixBlocker, type Verdict } from '@ndli/ralph';
import type { StepContext } from './run-context.js';
import type { RoundSummary } from './run-metadata.js';
import { VERDICT_FILE } from './run-store.js';
import { anchorRound, fullTitle } from './test-anchors.js';

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

function readVerdict(context: StepContext, round: number): Verdict {
  return VerdictSchema.parse(readJson(join(context.store.roundDirectory(round), VERDICT_FILE)));
}

function summaryOf(context: StepContext, round: number): RoundSummary | undefined {
  return context.metadata.rounds[round - 1];
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
function latentMode(context: StepContext, summary: RoundSummary): { mode: LatentLoopMode; fixTasks: number } {
  if (summary.kind === 'one-shot') return { mode: { kind: 'one-shot' }, fixTasks: 0 };
  if (summary.kind === 'init') return { mode: { kind: 'fresh' }, fixTasks: 0 };
  if (summary.kind === 'restart') {
    // The failing behaviours of the attempt that stalled, from its best round, as known pitfalls.
    const stalled = anchorRound(context.metadata.rounds, summary.attempt - 1);
    const pitfalls = stalled ? toFixBlockers(readVerdict(context, stalled.round)) : [];
    return { mode: { kind: 'fresh', pitfalls }, fixTasks: pitfalls.length };
  }
  const anchor = summary.anchorRound ?? summary.round - 1;
  const previousState = ReasoningStateSchema.parse(readJson(join(context.store.roundDirectory(anchor), 'state_final.json')));
  const previous = summaryOf(context, summary.round - 1);
  const latest = previous && previous.round !== anchor ? { verdict: readVerdict(context, previous.round), regressedTitles: previous.regressedTitles ?? [] } : undefined;
  const failures = fixBlockers(readVerdict(context, anchor), latest);
  return { mode: { kind: 'fix', previousState, failures }, fixTasks: failures.length };
}

/** Runs the round's inner loop (resuming whatever of it is already on disk). */
export async function generateRound(context: StepContext, summary: RoundSummary): Promise<LatentLoopResult> {
  const { config } = context;
  const { mode, fixTasks } = latentMode(context, summary);
  const anchor = summary.anchorRound === undefined ? undefined : summaryOf(context, summary.anchorRound);
  const previous = summaryOf(context, summary.round - 1);
  context.emit({
    type: 'round-start',
    round: summary.round,
    maxRounds: context.metadata.mode === 'ndli' ? config.maxRounds : 1,
    kind: summary.kind,
    attempt: summary.attempt,
    anchorRound: summary.anchorRound,
    fixTasks,
    failingTests: anchor?.failingTitles?.length ?? 0,
    regressedTests: previous && previous.round !== summary.anchorRound ? (previous.regressedTitles?.length ?? 0) : 0,
  });
  return runLatentLoop({
    model: context.model,
    task: context.spec.taskPrompt,
    artifactFileName: context.spec.artifactFileName,
    directory: context.store.roundDirectory(summary.round),
    mode,
    settings: {
      maxRefinements: config.maxRefinements,
      minSolvePerIteration: config.minSolvePerIteration,
      maxRetries: config.maxRetries,
      stallLimit: config.refineStallLimit,
      refineOutput: config.refineOutput,
      temperature: config.temperature,
      maxTokens: config.maxTokens,
      ...(config.seed === undefined ? {} : { seed: config.seed }),
    },
    onEvent: (event) => context.emit({ type: 'latent', round: summary.round, event }),
    ...(context.signal ? { signal: context.signal } : {}),
    // Always resume: on a fresh round directory there is nothing to resume and it starts anew.
    resume: true,
    metadata: { round: summary.round, attempt: summary.attempt, spec: context.spec.name, runDirectory: context.store.directory },
  });
}
