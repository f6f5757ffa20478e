import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { VerdictSchema, verdictOutcome, type Verdict } from '@ndli/ralph';
import type { StepContext } from './run-context.js';
import type { RoundSummary } from './run-metadata.js';
import { VERDICT_FILE, copyFileAtomic, writeJsonAtomic } from './run-store.js';
import { compareToAnchor, isBetterRound, verdictTitles } from './test-anchors.js';

const EARLIER_VERDICT = /^verdict_judge_error_(\d+)\.json$/;

function artifactHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function readVerdict(path: string): Verdict {
  return VerdictSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/**
 * An earlier round with the very same artifact already has a trustworthy verdict: reuse it instead of
 * launching Chromium. A judge-error verdict is never reused (the harness failed, not the artifact).
 */
function reusableRound(context: StepContext, summary: RoundSummary, hash: string): RoundSummary | undefined {
  return context.metadata.rounds.find(
    (round) =>
      round.round !== summary.round &&
      round.status === 'judged' &&
      round.artifactHash === hash &&
      round.outcome !== 'judge-error' &&
      existsSync(join(context.store.roundDirectory(round.round), VERDICT_FILE)),
  );
}

/**
 * Keeps a verdict already in the round (a judge error being judged again) as verdict_judge_error_N.json,
 * and returns how many judgings the round had: each judging gets its own evidence folder, so two judges
 * never write one output directory.
 */
function archiveEarlierVerdict(roundDirectory: string): number {
  const earlier = readdirSync(roundDirectory).filter((name) => EARLIER_VERDICT.test(name)).length;
  const current = join(roundDirectory, VERDICT_FILE);
  if (!existsSync(current)) return earlier;
  renameSync(current, join(roundDirectory, `verdict_judge_error_${earlier + 1}.json`));
  return earlier + 1;
}

/** Judges the round's artifact (or reuses an identical one's verdict) and records what it fixed, broke, and whether it is the new best. */
export async function judgeRound(context: StepContext, summary: RoundSummary, artifactPath: string, options: { rejudge: boolean }): Promise<Verdict> {
  const roundDirectory = context.store.roundDirectory(summary.round);
  const hash = artifactHash(artifactPath);
  const reused = options.rejudge ? undefined : reusableRound(context, summary, hash);
  context.emit({ type: 'judge-start', round: summary.round, artifactPath, rejudge: options.rejudge, reusedFrom: reused?.round });
  const started = Date.now();
  let verdict: Verdict;
  if (reused) {
    verdict = { ...readVerdict(join(context.store.roundDirectory(reused.round), VERDICT_FILE)), artifact: artifactPath };
  } else {
    const judgings = archiveEarlierVerdict(roundDirectory);
    verdict = await context.judge.run({
      spec: context.spec,
      artifact: artifactPath,
      outputDirectory: join(roundDirectory, judgings === 0 ? 'ralph' : `ralph_${judgings + 1}`),
      onProgress: (progress) => context.emit({ type: 'judge-progress', round: summary.round, ...progress }),
      ...(context.signal ? { signal: context.signal } : {}),
    });
  }
  writeJsonAtomic(join(roundDirectory, VERDICT_FILE), verdict);

  const titles = verdictTitles(verdict);
  const anchor = summary.anchorRound === undefined ? undefined : context.metadata.rounds[summary.anchorRound - 1];
  const changes = compareToAnchor(anchor, titles.failingTitles);
  Object.assign(summary, {
    status: 'judged',
    judgeMs: Date.now() - started,
    passed: verdict.passed,
    total: verdict.total,
    outcome: verdictOutcome(verdict),
    ...titles,
    judgeErrors: verdict.judgeErrors.length,
    fixedTitles: changes.fixedTitles,
    regressedTitles: changes.regressedTitles,
    artifactHash: hash,
    rejudged: options.rejudge,
  } satisfies Partial<RoundSummary>);
  if (reused) summary.verdictReusedFrom = reused.round;
  else delete summary.verdictReusedFrom;

  if (isBetterRound(summary, context.metadata.best)) {
    context.metadata.best = { round: summary.round, passed: verdict.passed, total: verdict.total };
    // The best artifact so far is the run's result, anchored at the run root.
    copyFileAtomic(artifactPath, context.store.path(context.spec.artifactFileName));
  }
  context.emit({
    type: 'verdict',
    round: summary.round,
    verdict,
    outcome: verdictOutcome(verdict),
    anchorRound: summary.anchorRound,
    fixedTitles: changes.fixedTitles,
    regressedTitles: changes.regressedTitles,
    reusedFrom: reused?.round,
    best: context.metadata.best,
  });
  return verdict;
}
