import { existsSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { RunOutcome } from '../run/drive-run.js';
import type { Judge } from '@ndli/ralph';
import type { RunMetadata } from '../run/run-metadata.js';
import { RUN_METADATA_FILE, RunStore } from '../run/run-store.js';
import { resumeRun, startRun } from '../run/session.js';
import { plannedTrials, trialDirectoryName, type BenchPlan, type PlannedTrial } from './bench-plan.js';
import type { BenchStore } from './bench-store.js';
import { summarize, type GroupSummary } from './summarize.js';
import { trialKey, type TrialResult } from './trial-result.js';

export interface BenchProgress {
  result: TrialResult;
  done: number;
  total: number;
}

export interface RunBenchOptions {
  cwd: string;
  store: BenchStore;
  plan: BenchPlan;
  onTrialEnd?: (progress: BenchProgress) => void;
  signal?: AbortSignal;
  /** Tests inject a judge; normally each trial judges with Ralph in Chromium. */
  judge?: Judge;
}

export interface BenchOutcome {
  results: TrialResult[];
  summary: GroupSummary[];
  /** Trials not finished (interrupted): `--resume` runs them. */
  remaining: number;
}

export function toTrialResult(trial: PlannedTrial, metadata: RunMetadata, runDirectory: string): TrialResult {
  const judged = metadata.rounds.filter((round) => round.passed !== undefined && round.total !== undefined);
  return {
    ...trial,
    status: metadata.status,
    endReason: metadata.endReason ?? metadata.status,
    rounds: judged.map((round) => ({ round: round.round, passed: round.passed ?? 0, total: round.total ?? 0 })),
    ...(metadata.best ? { best: { passed: metadata.best.passed, total: metadata.best.total } } : {}),
    tokens: metadata.tokens,
    durationMs: metadata.durationMs,
    schemaRetries: metadata.rounds.reduce((sum, round) => sum + round.retries, 0),
    truncations: metadata.rounds.reduce((sum, round) => sum + round.truncations, 0),
    ...(metadata.error ? { errorCode: metadata.error.code } : {}),
    runDirectory,
    finishedAt: metadata.endedAt ?? new Date().toISOString(),
  };
}

/**
 * One trial is one full `ndli run` in its own directory. A trial a kill left unfinished is resumed
 * from its last complete step rather than redone.
 */
async function runTrial(options: RunBenchOptions, trial: PlannedTrial, baseUrl: string | undefined): Promise<RunOutcome> {
  const directory = options.store.runDirectory(trialDirectoryName(trial));
  const shared = { cwd: options.cwd, ...(options.signal ? { signal: options.signal } : {}), ...(options.judge ? { judge: options.judge } : {}) };
  if (existsSync(join(directory, RUN_METADATA_FILE))) {
    const metadata = RunStore.open(directory).readMetadata();
    if (metadata.status === 'running' || metadata.status === 'interrupted' || metadata.status === 'error') {
      return resumeRun({ ...shared, runDirectory: directory });
    }
    // Finished, but killed before its result line was written.
    return { status: metadata.status, endReason: metadata.endReason ?? metadata.status, runDirectory: directory, artifactPath: undefined, metadata, error: undefined };
  }
  rmSync(directory, { recursive: true, force: true });
  const config = { ...options.plan.config, model: trial.model, ...(baseUrl ? { baseUrl } : {}) };
  return startRun({ ...shared, specName: trial.spec, config, mode: trial.mode, runDirectory: directory });
}

/**
 * Runs every trial not yet in results.jsonl, `concurrency` at a time per server, streaming each
 * result as it ends. Trials are spread over the servers in `baseUrls`.
 */
export async function runBench(options: RunBenchOptions): Promise<BenchOutcome> {
  const { plan, store } = options;
  const all = plannedTrials(plan);
  const finished = store.finishedKeys();
  const queue = all.filter((trial) => !finished.has(trialKey(trial)));
  let done = all.length - queue.length;
  let remaining = queue.length;
  const servers = plan.baseUrls.length > 0 ? plan.baseUrls : [undefined];
  const slots = servers.flatMap((baseUrl) => Array.from({ length: plan.concurrency }, () => baseUrl));

  await Promise.all(
    slots.map(async (baseUrl) => {
      for (let trial = queue.shift(); trial && !options.signal?.aborted; trial = queue.shift()) {
        const outcome = await runTrial(options, trial, baseUrl);
        // An interrupted trial is not a result: `--resume` continues it.
        if (outcome.status === 'interrupted') continue;
        const result = toTrialResult(trial, outcome.metadata, relative(store.directory, outcome.runDirectory));
        store.appendResult(result);
        done += 1;
        remaining -= 1;
        options.onTrialEnd?.({ result, done, total: all.length });
      }
    }),
  );
  const results = store.readResults();
  const summary = summarize(results);
  store.writeSummary({ id: plan.id, generatedAt: new Date().toISOString(), groups: summary });
  return { results, summary, remaining };
}
