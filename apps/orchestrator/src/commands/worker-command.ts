import { startTrialWorker } from '../bench/queue/trial-worker.js';
import { redisConnection, withoutPassword } from '../bench/queue/queue-connection.js';
import { EXIT } from '../cli-errors.js';
import { OrchestratorError } from '../errors.js';

export interface WorkerFlags {
  queue?: string;
  concurrency: number;
  baseUrl?: string;
}

/**
 * `ndli worker --queue redis://…`: runs benches' trials from the queue on this machine until stopped.
 * Ctrl-C once: finish the trials under way, then stop; twice: stop now (BullMQ gives those trials to
 * another worker once their lock runs out).
 */
export async function workerCommand(flags: WorkerFlags): Promise<number> {
  if (!flags.queue) throw new OrchestratorError('USAGE', 'No queue given.', 'Pass --queue redis://host:6379, the Redis the bench was started with.');
  redisConnection(flags.queue);
  if (flags.concurrency < 1) throw new OrchestratorError('USAGE', `--concurrency must be ≥ 1, got ${flags.concurrency}.`, 'e.g. --concurrency 2 (what this machine and its model server can run at once).');
  const worker = await startTrialWorker({
    queueUrl: flags.queue,
    concurrency: flags.concurrency,
    cwd: process.cwd(),
    ...(flags.baseUrl ? { baseUrl: flags.baseUrl } : {}),
    onTrialStart: (trial) => process.stdout.write(`▶ ${trial.model} · ${trial.spec} · ${trial.mode} · trial ${trial.trial}\n`),
    onTrialEnd: (result) => process.stdout.write(`✔ ${result.model} · ${result.spec} · ${result.mode} · trial ${result.trial} → ${result.status} (${result.endReason})\n`),
  });
  process.stdout.write(`👷 Worker on ${withoutPassword(flags.queue)} (${flags.concurrency} trial(s) at once${flags.baseUrl ? `, model server ${flags.baseUrl}` : ''}). Ctrl-C to stop.\n`);
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = () => {
      const force = stopping;
      stopping = true;
      if (!force) process.stdout.write('⏹  Finishing the trials under way (Ctrl-C again to stop now)…\n');
      void worker.close(force).then(() => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve(EXIT.interrupted);
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
