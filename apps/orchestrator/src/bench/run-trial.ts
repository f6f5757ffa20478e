import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { VerdictSchema, verdictOutcome, type Judge, type VerdictOutcome } from '@ndli/ralph';
import { describeError } from '../run/describe-error.js';
import type { RunOutcome } from '../run/drive-run.js';
import type { RunMetadata } from '../run/run-metadata.js';
import { RUN_METADATA_FILE, RunStore, VERDICT_FILE } from '../run/run-store.js';
import { resumeRun, startRun } from '../run/session.js';
import type { BenchPlan, PlannedTrial } from './bench-plan.js';
import { errorCause } from './error-cause.js';
import { unrecordedErrorResult, type TrialResult } from './trial-result.js';

export interface TrialContext {
  /** Where spec folders and replay models are looked up, as for `ndli run`. */
  cwd: string;
  plan: BenchPlan;
  /** The bench directory run directories are named relative to (results.jsonl's `runDirectory`). */
  benchDirectory: string;
  signal?: AbortSignal;
  /** Tests inject a judge; normally each trial judges with Ralph in Chromium. */
  judge?: Judge;
}

/** What Ralph's last saved verdict of a run means; undefined when no round was judged. */
function lastVerdict(runDirectory: string, metadata: RunMetadata): VerdictOutcome | undefined {
  const judged = metadata.rounds.filter((round) => round.status === 'judged' || round.passed !== undefined).at(-1);
  const path = judged ? join(runDirectory, `round_${judged.round}`, VERDICT_FILE) : undefined;
  if (!path || !existsSync(path)) return undefined;
  const parsed = VerdictSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  return parsed.success ? verdictOutcome(parsed.data) : 'judge-error';
}

export function toTrialResult(trial: PlannedTrial, outcome: Pick<RunOutcome, 'metadata' | 'error' | 'runDirectory'>, benchDirectory: string): TrialResult {
  const { metadata } = outcome;
  const judged = metadata.rounds.filter((round) => round.passed !== undefined && round.total !== undefined);
  const cause = errorCause({ runStatus: metadata.status, error: outcome.error, lastVerdict: lastVerdict(outcome.runDirectory, metadata) });
  // `error` is kept for causes outside the model; a model that failed with an error (no usable answer) failed.
  const status = cause ? 'error' : metadata.status === 'error' ? 'failed' : metadata.status;
  return {
    ...trial,
    status,
    endReason: cause === 'judge' && metadata.status !== 'error' ? 'judge-error' : (metadata.endReason ?? metadata.status),
    rounds: judged.map((round) => ({ round: round.round, passed: round.passed ?? 0, total: round.total ?? 0, ...(round.heldOutTotal === undefined ? {} : { heldOutPassed: round.heldOutPassed ?? 0, heldOutTotal: round.heldOutTotal }) })),
    ...(metadata.best ? { best: { passed: metadata.best.passed, total: metadata.best.total, ...(metadata.best.heldOutTotal === undefined ? {} : { heldOutPassed: metadata.best.heldOutPassed ?? 0, heldOutTotal: metadata.best.heldOutTotal }) } } : {}),
    tokens: metadata.tokens,
    durationMs: metadata.durationMs,
    schemaRetries: metadata.rounds.reduce((sum, round) => sum + round.retries, 0),
    truncations: metadata.rounds.reduce((sum, round) => sum + round.truncations, 0),
    ...(metadata.error ? { errorCode: metadata.error.code, errorMessage: metadata.error.message } : {}),
    ...(cause ? { errorCause: cause } : {}),
    runDirectory: relative(benchDirectory, outcome.runDirectory),
    finishedAt: metadata.endedAt ?? new Date().toISOString(),
  };
}

async function runOrResume(context: TrialContext, trial: PlannedTrial, directory: string, baseUrl: string | undefined, retry: boolean): Promise<Pick<RunOutcome, 'metadata' | 'error' | 'runDirectory' | 'status'>> {
  const shared = { cwd: context.cwd, ...(context.signal ? { signal: context.signal } : {}), ...(context.judge ? { judge: context.judge } : {}) };
  if (existsSync(join(directory, RUN_METADATA_FILE))) {
    const metadata = RunStore.open(directory).readMetadata();
    if (metadata.status === 'running' || metadata.status === 'interrupted' || metadata.status === 'error') {
      return resumeRun({ ...shared, runDirectory: directory });
    }
    // Finished, but killed before its result line was written: the run stands, unless it is being retried.
    if (!retry) return { status: metadata.status, runDirectory: directory, metadata, error: undefined };
  }
  rmSync(directory, { recursive: true, force: true });
  const config = { ...context.plan.config, model: trial.model, ...(baseUrl ? { baseUrl } : {}), ...(trial.setting ? { candidates: trial.setting.candidates, concurrency: trial.setting.concurrency } : {}) };
  return startRun({ ...shared, specName: trial.spec, config, mode: trial.mode, runDirectory: directory });
}

/**
 * One trial is one full `ndli run` in `directory`. A trial a kill left unfinished is resumed from its
 * last complete step rather than redone; a trial retried after an infrastructure error whose run had
 * ended (a judge error) starts afresh. Undefined when interrupted: not a result, `--resume` continues it.
 */
export async function runTrial(context: TrialContext, trial: PlannedTrial, directory: string, baseUrl: string | undefined, retry: boolean): Promise<TrialResult | undefined> {
  try {
    const outcome = await runOrResume(context, trial, directory, baseUrl, retry);
    if (outcome.status === 'interrupted') return undefined;
    return toTrialResult(trial, outcome, context.benchDirectory);
  } catch (error) {
    if (context.signal?.aborted) return undefined;
    // Threw before its run could record anything: a crash, kept with its message.
    return unrecordedErrorResult(trial, { ...describeError(error), cause: 'crash', runDirectory: relative(context.benchDirectory, directory) });
  }
}
