/**
 * A real `ndli worker` process whose judge is SCRIPTED (referenceJudge): queue tests start two of
 * these and kill them. Arguments: <queue-url> <reference.html> <judge-delay-ms> <lock-ms> <stalled-ms>.
 */
import { startTrialWorker } from '../bench/queue/trial-worker.js';
import { referenceJudge } from './reference-judge.js';

const [queueUrl, referencePath, delay, lock, stalled] = process.argv.slice(2);
if (!queueUrl || !referencePath) throw new Error('usage: scripted-worker <queue-url> <reference.html> <judge-delay-ms> <lock-ms> <stalled-ms>');
const worker = await startTrialWorker({
  queueUrl,
  concurrency: 1,
  cwd: process.cwd(),
  judge: referenceJudge(referencePath, Number(delay ?? 0)),
  lockDurationMs: Number(lock ?? 2000),
  stalledIntervalMs: Number(stalled ?? 500),
  onTrialStart: (trial) => process.stdout.write(`start ${trial.spec} ${trial.mode} ${trial.trial}\n`),
  onTrialEnd: (result) => process.stdout.write(`end ${result.spec} ${result.mode} ${result.trial} ${result.status}\n`),
});
process.stdout.write('ready\n');
process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
