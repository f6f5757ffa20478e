import { Job, Queue, QueueEvents } from 'bullmq';
import { trialDirectoryName } from '../bench-plan.js';
import { finishBench, unfinishedTrials, type BenchOutcome, type RunBenchOptions } from '../run-bench.js';
import { trialKey, unrecordedErrorResult, type TrialResult } from '../trial-result.js';
import { TRIAL_QUEUE_NAME, redisConnection } from './queue-connection.js';
import { unpackRunDirectory } from './run-directory-files.js';
import { TrialJobReturnSchema, trialJobId, type TrialJobData } from './trial-job.js';

export interface RunQueuedBenchOptions extends Omit<RunBenchOptions, 'judge' | 'cwd'> {
  queueUrl: string;
  /** Ask workers to ship Ralph's screenshots and traces too. */
  evidence: boolean;
  /** How often every outstanding job is looked at, besides the queue's completion events. */
  sweepIntervalMs?: number;
}

/**
 * `ndli bench --queue redis://…`: one BullMQ job per unfinished trial (job id = trial key, so a
 * re-attached coordinator adds nothing twice), then results collected as workers finish them: the
 * run directory's files land in the bench directory, the result line in results.jsonl, and only
 * then is the job removed. A coordinator killed at any point re-attaches with `--resume <id>`.
 */
export async function runQueuedBench(options: RunQueuedBenchOptions): Promise<BenchOutcome> {
  const { plan, store } = options;
  const { all, pending } = unfinishedTrials(plan, store);
  const recorded = new Map(store.readResults().map((result) => [trialKey(result), result]));
  const connection = redisConnection(options.queueUrl);
  const queue = new Queue(TRIAL_QUEUE_NAME, { connection });
  const events = new QueueEvents(TRIAL_QUEUE_NAME, { connection });
  const trials = new Map(pending.map((trial) => [trialJobId(plan, trial), trial]));
  const outstanding = new Set(trials.keys());
  const settling = new Set<string>();
  let done = all.length - pending.length;

  /** Records a finished job once: files first, then the result line, then the job goes. */
  const settle = async (jobId: string): Promise<void> => {
    const trial = trials.get(jobId);
    if (!trial || !outstanding.has(jobId) || settling.has(jobId)) return;
    settling.add(jobId);
    try {
      const job = await Job.fromId(queue, jobId);
      const state = job ? await job.getState() : undefined;
      if (!job || (state !== 'completed' && state !== 'failed')) return;
      const shipped = state === 'completed' ? TrialJobReturnSchema.safeParse(job.returnvalue) : undefined;
      let result: TrialResult;
      if (shipped?.success) {
        unpackRunDirectory(shipped.data.files, store.runDirectory(trialDirectoryName(trial)));
        result = shipped.data.result;
      } else {
        // Failed inside BullMQ (e.g. stalled too often) or shipped garbage: a crash of the harness, rerun by `--resume`.
        const message = shipped ? `The worker's return value is invalid: ${shipped.error.message}` : job.failedReason || 'the job failed';
        result = unrecordedErrorResult(trial, { code: 'QUEUE_JOB_FAILED', message, cause: 'crash', runDirectory: `runs/${trialDirectoryName(trial)}` });
      }
      store.appendResult(result);
      outstanding.delete(jobId);
      await job.remove();
      done += 1;
      options.onTrialEnd?.({ result, done, total: all.length });
    } finally {
      settling.delete(jobId);
    }
  };

  const sweep = async () => {
    for (const jobId of [...outstanding]) await settle(jobId);
  };

  try {
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    events.on('completed', ({ jobId }) => void settle(jobId));
    events.on('failed', ({ jobId }) => void settle(jobId));
    let assigned = 0;
    for (const [jobId, trial] of trials) {
      const existing = await Job.fromId(queue, jobId);
      const state = existing ? await existing.getState() : undefined;
      const previous = recorded.get(trialKey(trial));
      // A job left from a run whose result is already recorded (killed before removing it), or one
      // that failed: remove it so this rerun is enqueued afresh. Any other job is re-attached to.
      const stale = state === 'failed' || (state === 'completed' && previous !== undefined && TrialJobReturnSchema.safeParse(existing?.returnvalue).data?.result.finishedAt === previous.finishedAt);
      if (existing && stale) await existing.remove();
      if (!existing || stale) {
        const baseUrl = plan.baseUrls.length > 0 ? plan.baseUrls[assigned % plan.baseUrls.length] : undefined;
        const data: TrialJobData = { plan, trial, evidence: options.evidence, ...(baseUrl ? { baseUrl } : {}) };
        await queue.add('trial', data, { jobId, attempts: 1, removeOnComplete: false, removeOnFail: false });
      }
      assigned += 1;
    }
    const interval = options.sweepIntervalMs ?? 5_000;
    while (outstanding.size > 0 && !options.signal?.aborted) {
      await sweep();
      if (outstanding.size === 0) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, interval);
        options.signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  } finally {
    await events.close();
    await queue.close();
  }
  return finishBench(plan, store, outstanding.size);
}
