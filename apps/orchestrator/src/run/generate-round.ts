import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_FILES, ReasoningStateSchema, type LatentLoopMode } from '@ndli/latent-core';
import { partitionVerdict, toFixBlockers, type FixBlocker, type Verdict } from '@ndli/ralph';
import { stateDirectory } from './candidate-directories.js';
import { generateCandidates } from './generate-candidates.js';
import type { StepContext } from './run-context.js';
import { runInnerLoop, type RoundArtifact } from './run-inner-loop.js';
import type { RoundSummary } from './run-metadata.js';
import { readVerdict } from './judge-round.js';
import { VERDICT_FILE } from './run-store.js';
import { anchorRound, fullTitle } from './test-anchors.js';

/** Whether the round makes several artifacts (a resumed round keeps what it started with). */
export function hasCandidates(context: StepContext, round: number): boolean {
  return context.record.round(round)?.candidates !== undefined || context.config.candidates > 1;
}

/**
 * A round's verdict as the model may see it (FIX blockers, pitfalls, GENERATE's failing behaviours): the
 * visible tests only, unless the run revealed its held-out failures before the round being made (`forRound`).
 */
function verdictForModel(context: StepContext, round: number, forRound: number): Verdict {
  const verdict = readVerdict(join(context.store.roundDirectory(round), VERDICT_FILE));
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
  const previousState = ReasoningStateSchema.parse(JSON.parse(readFileSync(join(stateDirectory(context.store, record.round(anchor)), RUN_FILES.stateFinal), 'utf8')));
  const previous = record.round(summary.round - 1);
  const latest = previous && previous.round !== anchor ? { verdict: verdictForModel(context, previous.round, summary.round), regressedTitles: previous.regressedTitles ?? [] } : undefined;
  const failures = fixBlockers(verdictForModel(context, anchor, summary.round), latest);
  return { mode: { kind: 'fix', previousState, failures }, fixTasks: failures.length };
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
  if (!hasCandidates(context, round)) {
    const result = await runInnerLoop(context, { round, candidate: undefined, directory: context.store.roundDirectory(round), mode, seed: context.config.seed });
    return [{ candidate: undefined, path: result.artifact.path }];
  }
  return generateCandidates(context, round, mode);
}
