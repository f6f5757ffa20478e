import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { partitionVerdict, VerdictSchema, verdictOutcome, type Verdict } from '@ndli/ralph';
import { candidateDirectory } from './candidate-directories.js';
import type { StepContext } from './run-context.js';
import { VERDICT_FILE, copyFileAtomic, writeJsonAtomic } from './run-store.js';
import { compareToAnchor, fullTitle, isBetterRound, verdictTitles } from './test-anchors.js';

const EARLIER_VERDICT = /^verdict_judge_error_(\d+)\.json$/;

export function artifactHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function readVerdict(path: string): Verdict {
  return VerdictSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** A trustworthy verdict already saved for the very same artifact: a round's, or a candidate's. */
interface ReusableVerdict {
  round: number;
  path: string;
}

/**
 * An earlier round (or candidate) with the very same artifact already has a trustworthy verdict: reuse it
 * instead of launching Chromium. A judge-error verdict is never reused (the harness failed, not the artifact).
 */
function reusableVerdict(context: StepContext, round: number, hash: string): ReusableVerdict | undefined {
  const { store, record } = context;
  for (const summary of record.metadata.rounds) {
    if (summary.round === round) continue;
    const path = join(store.roundDirectory(summary.round), VERDICT_FILE);
    if (summary.status === 'judged' && summary.artifactHash === hash && summary.outcome !== 'judge-error' && existsSync(path)) return { round: summary.round, path };
    for (const candidate of summary.candidates ?? []) {
      const candidatePath = join(candidateDirectory(store, summary.round, candidate.candidate), VERDICT_FILE);
      if (candidate.status === 'judged' && candidate.artifactHash === hash && candidate.outcome !== 'judge-error' && existsSync(candidatePath)) return { round: summary.round, path: candidatePath };
    }
  }
  return undefined;
}

/**
 * Keeps a verdict already in the directory (a judge error being judged again) as verdict_judge_error_N.json,
 * and returns how many judgings it had: each judging gets its own evidence folder, so two judges
 * never write one output directory.
 */
function archiveEarlierVerdict(directory: string): number {
  const earlier = readdirSync(directory).filter((name) => EARLIER_VERDICT.test(name)).length;
  const current = join(directory, VERDICT_FILE);
  if (!existsSync(current)) return earlier;
  renameSync(current, join(directory, `verdict_judge_error_${earlier + 1}.json`));
  return earlier + 1;
}

export interface JudgedArtifact {
  verdict: Verdict;
  hash: string;
  reused: ReusableVerdict | undefined;
  judgeMs: number;
}

/** Judges one artifact into `directory` (its verdict.json and evidence folder), or reuses an identical one's verdict. */
export async function judgeArtifact(context: StepContext, target: { round: number; candidate: number | undefined; artifactPath: string; directory: string; rejudge: boolean; hash: string }): Promise<JudgedArtifact> {
  const reused = target.rejudge ? undefined : reusableVerdict(context, target.round, target.hash);
  const tag = target.candidate === undefined ? {} : { candidate: target.candidate };
  context.emit({ type: 'judge-start', round: target.round, ...tag, artifactPath: target.artifactPath, rejudge: target.rejudge, reusedFrom: reused?.round });
  const started = Date.now();
  let verdict: Verdict;
  if (reused) {
    verdict = { ...readVerdict(reused.path), artifact: target.artifactPath };
  } else {
    mkdirSync(target.directory, { recursive: true });
    const judgings = archiveEarlierVerdict(target.directory);
    verdict = await context.judge.run({
      spec: context.spec,
      artifact: target.artifactPath,
      outputDirectory: join(target.directory, judgings === 0 ? 'ralph' : `ralph_${judgings + 1}`),
      onProgress: (progress) => context.emit({ type: 'judge-progress', round: target.round, ...tag, ...progress }),
      signal: context.signal,
    });
  }
  writeJsonAtomic(join(target.directory, VERDICT_FILE), verdict);
  return { verdict, hash: target.hash, reused, judgeMs: Date.now() - started };
}

/**
 * A verdict's figures as the loop keeps them: passed, total, outcome and titles of the visible tests; the
 * held-out tests' figures apart (absent when the spec holds none out).
 */
export function verdictFigures(context: StepContext, verdict: Verdict) {
  const parts = partitionVerdict(verdict, context.spec.heldOut);
  const heldOut = parts.heldOut && parts.heldOut.tests.length > 0 ? parts.heldOut : undefined;
  return {
    visible: parts.visible,
    heldOut: heldOut && {
      heldOutPassed: heldOut.passed,
      heldOutTotal: heldOut.total,
      heldOutOutcome: verdictOutcome(heldOut),
      heldOutFailingTitles: heldOut.failures.map(fullTitle),
    },
  };
}

/** Records the round's verdict: what it fixed and broke against its anchor, and whether it is the new best. */
export function recordRoundVerdict(context: StepContext, round: number, judged: JudgedArtifact, options: { rejudge: boolean; selectedCandidate?: number }): Verdict {
  const { record, store } = context;
  const summary = record.round(round);
  const { verdict } = judged;
  const { visible, heldOut } = verdictFigures(context, verdict);
  const titles = verdictTitles(visible);
  const anchor = summary?.anchorRound === undefined ? undefined : record.round(summary.anchorRound);
  const changes = compareToAnchor(anchor, titles.failingTitles);
  const fields = {
    judgeMs: judged.judgeMs,
    passed: visible.passed,
    total: visible.total,
    outcome: verdictOutcome(visible),
    ...titles,
    ...heldOut,
    judgeErrors: visible.judgeErrors.length,
    fixedTitles: changes.fixedTitles,
    regressedTitles: changes.regressedTitles,
    artifactHash: judged.hash,
    rejudged: options.rejudge,
    verdictReusedFrom: judged.reused?.round,
    ...(options.selectedCandidate === undefined ? {} : { selectedCandidate: options.selectedCandidate }),
  };
  const best = isBetterRound({ passed: visible.passed, regressedTitles: changes.regressedTitles, heldOutPassed: heldOut?.heldOutPassed }, record.metadata.best);
  record.recordVerdict(round, fields, best);
  // The best artifact so far is the run's result, anchored at the run root.
  if (best) copyFileAtomic(verdict.artifact, store.path(context.spec.artifactFileName));
  context.emit({
    type: 'verdict',
    round,
    verdict,
    outcome: verdictOutcome(verdict),
    anchorRound: summary?.anchorRound,
    fixedTitles: changes.fixedTitles,
    regressedTitles: changes.regressedTitles,
    reusedFrom: judged.reused?.round,
    best: record.metadata.best,
    ...(options.selectedCandidate === undefined ? {} : { selectedCandidate: options.selectedCandidate }),
    ...(heldOut ? { heldOut: { visiblePassed: visible.passed, visibleTotal: visible.total, passed: heldOut.heldOutPassed, total: heldOut.heldOutTotal } } : {}),
  });
  return verdict;
}

/** Judges the round's single artifact (or reuses an identical one's verdict) and records it. */
export async function judgeRound(context: StepContext, round: number, artifactPath: string, options: { rejudge: boolean }): Promise<Verdict> {
  context.record.startJudging(round);
  const judged = await judgeArtifact(context, { round, candidate: undefined, artifactPath, directory: context.store.roundDirectory(round), rejudge: options.rejudge, hash: artifactHash(artifactPath) });
  return recordRoundVerdict(context, round, judged, options);
}
