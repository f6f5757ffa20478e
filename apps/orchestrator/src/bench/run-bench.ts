import type { Judge } from '@ndli/ralph';
import { plannedTrials, trialDirectoryName, type BenchPlan, type PlannedTrial } from './bench-plan.js';
import type { BenchStore } from './bench-store.js';
import { runTrial } from './run-trial.js';
import { summarize, type GroupSummary } from './summarize.js';
import { isInfrastructureError, trialKey, type TrialResult } from './trial-result.js';

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

/** The trials a (resumed) bench still has to run: never run, or ended by an infrastructure error. */
export function unfinishedTrials(plan: BenchPlan, store: BenchStore): { all: PlannedTrial[]; pending: PlannedTrial[]; retried: Set<string> } {
  const all = plannedTrials(plan);
  const latest = new Map(store.readResults().map((result) => [trialKey(result), result]));
  const pending = all.filter((trial) => {
    const result = latest.get(trialKey(trial));
    return !result || isInfrastructureError(result);
  });
  return { all, pending, retried: new Set(pending.map(trialKey).filter((key) => latest.has(key))) };
}

/** Writes summary.json from every trial's latest result. */
export function finishBench(plan: BenchPlan, store: BenchStore, remaining: number): BenchOutcome {
  const results = store.readResults();
  const summary = summarize(results);
  store.writeSummary({ id: plan.id, generatedAt: new Date().toISOString(), groups: summary });
  return { results, summary, remaining };
}

/**
 * Runs every unfinished trial, `concurrency` at a time per server, streaming each result as it ends.
 * Trials are spread over the servers in `baseUrls`.
 */
export async function runBench(options: RunBenchOptions): Promise<BenchOutcome> {
  const { plan, store } = options;
  const { all, pending, retried } = unfinishedTrials(plan, store);
  const queue = [...pending];
  let done = all.length - queue.length;
  let remaining = queue.length;
  const servers = plan.baseUrls.length > 0 ? plan.baseUrls : [undefined];
  const slots = servers.flatMap((baseUrl) => Array.from({ length: plan.concurrency }, () => baseUrl));
  const context = { cwd: options.cwd, plan, benchDirectory: store.directory, ...(options.signal ? { signal: options.signal } : {}), ...(options.judge ? { judge: options.judge } : {}) };

  await Promise.all(
    slots.map(async (baseUrl) => {
      for (let trial = queue.shift(); trial && !options.signal?.aborted; trial = queue.shift()) {
        const result = await runTrial(context, trial, store.runDirectory(trialDirectoryName(trial)), baseUrl, retried.has(trialKey(trial)));
        if (!result) continue;
        store.appendResult(result);
        done += 1;
        remaining -= 1;
        options.onTrialEnd?.({ result, done, total: all.length });
      }
    }),
  );
  return finishBench(plan, store, remaining);
}
