import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Judge } from '@ndli/ralph';
import { Worker, type Job } from 'bullmq';
import { trialDirectoryName, type PlannedTrial } from '../bench-plan.js';
import { runTrial } from '../run-trial.js';
import type { TrialResult } from '../trial-result.js';
import { TRIAL_QUEUE_NAME, redisConnection } from './queue-connection.js';
import { packRunDirectory } from './run-directory-files.js';
import { TrialJobDataSchema, type TrialJobReturn } from './trial-job.js';

export interface TrialWorkerOptions {
  queueUrl: string;
  /** Trials at once (what this machine's CPU and its model server can take). */
  concurrency: number;
  /** This worker's model server; overrides the one the bench assigned. */
  baseUrl?: string;
  /** Where specs and replay models are looked up: a checkout of the same project. */
  cwd: string;
  /** Tests inject a scripted judge; normally Ralph in Chromium. */
  judge?: Judge;
  /**
   * How long a job stays locked to this worker without a renewal. A worker killed mid-trial stops
   * renewing; after this, BullMQ's stalled-job check hands the trial to another worker.
   */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  onTrialStart?: (trial: PlannedTrial) => void;
  onTrialEnd?: (result: TrialResult) => void;
}

export interface TrialWorker {
  /**
   * Stops taking trials and waits for those under way; with `force`, does not wait: their jobs stop
   * being renewed and BullMQ's stalled-job check hands them to another worker (nothing is lost).
   */
  close(force?: boolean): Promise<void>;
}

/**
 * `ndli worker`: takes trials from the queue and runs each exactly as a local bench does, in a
 * scratch bench directory of its own, then returns the result and the run directory's files.
 */
export async function startTrialWorker(options: TrialWorkerOptions): Promise<TrialWorker> {
  const scratch = mkdtempSync(join(tmpdir(), 'ndli-worker-'));
  const runJob = async (job: Job): Promise<TrialJobReturn> => {
    const data = TrialJobDataSchema.parse(job.data);
    options.onTrialStart?.(data.trial);
    const benchDirectory = join(scratch, data.plan.id);
    const directory = join(benchDirectory, 'runs', trialDirectoryName(data.trial));
    const context = { cwd: options.cwd, plan: data.plan, benchDirectory, ...(options.judge ? { judge: options.judge } : {}) };
    // Without a signal a trial is never `interrupted`; runTrial turns every failure into a result.
    const result = await runTrial(context, data.trial, directory, options.baseUrl ?? data.baseUrl, false);
    if (!result) throw new Error(`Trial ${job.id ?? ''} ended without a result.`);
    const files = packRunDirectory(directory, { evidence: data.evidence });
    // The coordinator now holds the files; the scratch copy would only fill this machine's disk.
    rmSync(directory, { recursive: true, force: true });
    options.onTrialEnd?.(result);
    return { result, files };
  };
  const worker = new Worker(TRIAL_QUEUE_NAME, runJob, {
    connection: redisConnection(options.queueUrl),
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs ?? 60_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    // A trial stalls once per worker lost under it; fail it (→ an infrastructure error) only after several.
    maxStalledCount: 5,
  });
  await worker.waitUntilReady();
  return {
    close: async (force = false) => {
      await worker.close(force);
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
