import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import pLimit from 'p-limit';
import { defaultJudgeWorkers, verdictOutcome, type Verdict } from '@ndli/ralph';
import { CandidatesFailedError } from '../errors.js';
import { candidateDirectory } from './candidate-directories.js';
import { selectCandidate } from './candidate-selection.js';
import { describeError } from './describe-error.js';
import { artifactHash, judgeArtifact, readVerdict, recordRoundVerdict, verdictFigures, type JudgedArtifact } from './judge-round.js';
import type { StepContext } from './run-context.js';
import type { RoundArtifact } from './run-inner-loop.js';
import { VERDICT_FILE, copyFileAtomic, writeJsonAtomic } from './run-store.js';
import { settleAll } from './settle-all.js';
import { verdictTitles } from './test-anchors.js';

/** How many verdicts run at once: within the judge's worker budget (each candidate verdict then uses one worker). */
function verdictsAtOnce(context: StepContext): number {
  return Math.max(1, context.config.judgeWorkers ?? defaultJudgeWorkers());
}

/**
 * Judges every candidate of a round: identical artifacts once (by hash), verdicts concurrently within the
 * judge's worker budget, each in its own directory (`round_N/candidates/K/`). A candidate whose judging
 * throws is kept with its error. The best candidate (see selectCandidate) becomes the round's artifact and
 * verdict (`round_N/<artifact>`, `round_N/verdict.json`), so FIX and later rounds read it as before.
 */
export async function judgeCandidates(context: StepContext, round: number, artifacts: readonly RoundArtifact[]): Promise<Verdict> {
  const { record, store } = context;
  record.startJudging(round);
  const limit = pLimit(verdictsAtOnce(context));
  const byHash = new Map<string, Promise<JudgedArtifact>>();
  const firstWithHash = new Map<string, number>();
  const kept = new Map(record.round(round)?.candidates?.map((candidate) => [candidate.candidate, candidate]) ?? []);
  await settleAll(
    artifacts.map(async ({ candidate = 1, path }) => {
      const directory = candidateDirectory(store, round, candidate);
      const hash = artifactHash(path);
      const previous = kept.get(candidate);
      // Judged before an interruption: its verdict stands.
      if (previous?.status === 'judged' && previous.artifactHash === hash && existsSync(join(directory, VERDICT_FILE))) return;
      record.startJudging(round, candidate);
      const first = byHash.get(hash);
      try {
        let judged: JudgedArtifact;
        if (first) {
          const original = await first;
          judged = { ...original, verdict: { ...original.verdict, artifact: path }, judgeMs: 0 };
          writeJsonAtomic(join(directory, VERDICT_FILE), judged.verdict);
          context.emit({ type: 'judge-start', round, candidate, artifactPath: path, rejudge: false, reusedFrom: round });
        } else {
          const judging = limit(() => judgeArtifact(context, { round, candidate, artifactPath: path, directory, rejudge: false, hash }));
          byHash.set(hash, judging);
          firstWithHash.set(hash, candidate);
          judged = await judging;
        }
        const sameRoundSource = first === undefined ? undefined : firstWithHash.get(hash);
        const reusedPath = sameRoundSource === undefined ? judged.reused?.path : join(candidateDirectory(store, round, sameRoundSource), VERDICT_FILE);
        const reusedFrom = reusedPath === undefined ? undefined : relative(store.directory, reusedPath);
        const { visible, heldOut } = verdictFigures(context, judged.verdict);
        record.recordCandidateVerdict(round, candidate, {
          passed: visible.passed,
          total: visible.total,
          outcome: verdictOutcome(visible),
          failingTitles: verdictTitles(visible).failingTitles,
          judgeErrors: visible.judgeErrors.length,
          ...(heldOut ? { heldOutPassed: heldOut.heldOutPassed, heldOutTotal: heldOut.heldOutTotal } : {}),
          artifactHash: hash,
          judgeMs: judged.judgeMs,
          verdictReusedFrom: reusedFrom,
        });
        context.emit({ type: 'candidate-verdict', round, candidate, passed: visible.passed, total: visible.total, outcome: verdictOutcome(visible), ...(heldOut ? { heldOutPassed: heldOut.heldOutPassed, heldOutTotal: heldOut.heldOutTotal } : {}), reusedFrom });
      } catch (error) {
        if (context.signal.aborted) throw error;
        const described = describeError(error);
        record.failCandidate(round, candidate, described);
        context.emit({ type: 'candidate-error', round, candidate, stage: 'judge', error: described });
      }
    }),
  );

  const candidates = record.round(round)?.candidates ?? [];
  const selected = selectCandidate(candidates);
  if (selected === undefined) throw new CandidatesFailedError(round, candidates.find((candidate) => candidate.error)?.error);
  const selectedDirectory = candidateDirectory(store, round, selected);
  const artifactPath = join(store.roundDirectory(round), context.spec.artifactFileName);
  copyFileAtomic(join(selectedDirectory, context.spec.artifactFileName), artifactPath);
  const verdict = readVerdict(join(selectedDirectory, VERDICT_FILE));
  writeJsonAtomic(join(store.roundDirectory(round), VERDICT_FILE), verdict);
  const entry = candidates.find((candidate) => candidate.candidate === selected);
  context.emit({ type: 'candidates-selected', round, selected, candidates: candidates.map((candidate) => ({ candidate: candidate.candidate, status: candidate.status, passed: candidate.passed, total: candidate.total, tokens: candidate.tokens })) });
  const reusedRound = entry?.verdictReusedFrom === undefined ? undefined : roundOfPath(entry.verdictReusedFrom);
  return recordRoundVerdict(
    context,
    round,
    { verdict, hash: entry?.artifactHash ?? artifactHash(artifactPath), reused: reusedRound === undefined || reusedRound === round ? undefined : { round: reusedRound, path: entry?.verdictReusedFrom ?? '' }, judgeMs: candidates.reduce((longest, candidate) => Math.max(longest, candidate.judgeMs ?? 0), 0) },
    { rejudge: false, selectedCandidate: selected },
  );
}

/** `round_3/candidates/2/verdict.json` → 3. */
function roundOfPath(path: string): number | undefined {
  const match = /round_(\d+)/.exec(path);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
