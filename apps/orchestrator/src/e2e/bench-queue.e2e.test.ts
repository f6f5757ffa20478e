import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTranscript, type Transcript } from '@ndli/models';
import { loadSpec, runSpecs, toFixBlockers } from '@ndli/ralph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BenchStore } from '../bench/bench-store.js';
import { runBench } from '../bench/run-bench.js';
import { trialKey, type TrialResult } from '../bench/trial-result.js';
import { referenceJudge } from '../test-support/reference-judge.js';
import { startRedis, type RedisProcess } from '../test-support/redis-server.js';
import { runCli, startCli } from '../test-support/run-cli.js';
import { tinySpecsDirectory } from '../test-support/tiny-app.js';
import { fixScenario, oneShotScenario, passScenario } from '../transcripts/scenarios.js';

/**
 * Benches through BullMQ on a real redis-server, with worker PROCESSES. The model is SCRIPTED
 * (replayed transcripts) and so is the workers' judge (referenceJudge: the reference app passes,
 * anything else fails one test) — these tests are about the queue; the real judge is in bench.e2e.
 */
const TSX_LOADER = import.meta.resolve('tsx');
const WORKER = fileURLToPath(new URL('../test-support/scripted-worker.ts', import.meta.url));
const read = (path: string) => readFileSync(path, 'utf8');

interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<void>;
}

function startWorker(cwd: string, queueUrl: string, referencePath: string, judgeDelayMs: number): WorkerProcess {
  const child = spawn(process.execPath, ['--conditions=@ndli/source', '--import', TSX_LOADER, WORKER, queueUrl, referencePath, String(judgeDelayMs), '2000', '500'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, output: () => output, exited };
}

async function until(condition: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stop(workers: readonly WorkerProcess[]): Promise<void> {
  for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
  await Promise.all(workers.map((worker) => worker.exited));
}

/** Every result line as written, reruns included: a trial counted twice would show here. */
function lines(benchDirectory: string): TrialResult[] {
  return new BenchStore(benchDirectory).readAllResults();
}

/** What must not depend on where a trial ran. */
function comparable(result: TrialResult) {
  return { key: trialKey(result), status: result.status, endReason: result.endReason, rounds: result.rounds, best: result.best, tokens: result.tokens, errorCode: result.errorCode, errorCause: result.errorCause, runDirectory: result.runDirectory };
}

/** A run directory's files, without Ralph's evidence and the per-process scratch names. */
function fileList(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' }).filter((path) => !path.startsWith('ralph')).sort();
}

describe('ndli bench --queue (BullMQ on a real redis-server, worker processes)', () => {
  let redis: RedisProcess;
  let cwd: string;
  let specsDirectory: string;
  let referencePath: string;

  beforeAll(async () => {
    redis = await startRedis();
    cwd = mkdtempSync(join(tmpdir(), 'ndli-bench-queue-'));
    specsDirectory = tinySpecsDirectory();
    const spec = loadSpec('tiny', { specsDirectory });
    const bug = spec.bugs[0];
    if (!bug) throw new Error('the tiny spec needs a seeded bug');
    referencePath = spec.referencePath;
    const transcripts: Record<string, Transcript> = {
      'tiny.ndli': fixScenario({ modelId: 'fixer', reference: read(spec.referencePath), buggy: read(bug.path), bugDescription: bug.description, fixTaskNames: ['fix_arithmetic'] }),
      'tiny.inner': passScenario({ modelId: 'fixer', reference: read(spec.referencePath) }),
      'tiny.one-shot': oneShotScenario({ modelId: 'fixer', html: read(bug.path) }),
    };
    mkdirSync(join(cwd, 'models', 'fixer'), { recursive: true });
    for (const [name, transcript] of Object.entries(transcripts)) writeTranscript(join(cwd, 'models', 'fixer', `${name}.jsonl`), transcript);
    // The real-judge test's fixer resolves the FIX tasks real Ralph makes of the bug (the scripted judge names its own).
    const realFixTasks = toFixBlockers(await runSpecs({ spec, artifact: bug.path }));
    mkdirSync(join(cwd, 'models', 'real-fixer'), { recursive: true });
    writeTranscript(
      join(cwd, 'models', 'real-fixer', 'tiny.ndli.jsonl'),
      fixScenario({ modelId: 'real-fixer', reference: read(spec.referencePath), buggy: read(bug.path), bugDescription: bug.description, fixTaskNames: realFixTasks.map((task) => task.name) }),
    );
  }, 120_000);

  afterAll(async () => {
    await redis?.stop();
  });

  const benchArgs = (id: string, modes: string, trials: number) => ['bench', '--models', 'replay/models/fixer', '--specs', 'tiny', '--modes', modes, '--trials', String(trials), '--id', id, '--max-rounds', '3', '--specs-dir', specsDirectory, '--queue', redis.url];

  it('two worker processes give the same bench as a local run, trial by trial, files included', async () => {
    const workers = [startWorker(cwd, redis.url, referencePath, 0), startWorker(cwd, redis.url, referencePath, 0)];
    try {
      await until(() => workers.every((worker) => worker.output().includes('ready')), 'both workers to connect');
      const queued = await runCli(benchArgs('queued', 'ndli,inner,one-shot', 2), cwd);
      expect(queued.code, queued.stdout + queued.stderr).toBe(0);
      const queuedDirectory = join(cwd, 'bench', 'queued');
      // Both workers took trials.
      expect(workers.every((worker) => worker.output().includes('end tiny'))).toBe(true);

      // The same plan, run here with the same (scripted) judge.
      const plan = { ...new BenchStore(queuedDirectory).readPlan(), id: 'local' };
      delete plan.queue;
      const localDirectory = join(cwd, 'bench', 'local');
      const store = BenchStore.create(localDirectory, plan);
      await runBench({ cwd, store, plan, judge: referenceJudge(referencePath) });

      const byKey = (results: TrialResult[]) => results.map(comparable).sort((a, b) => a.key.localeCompare(b.key));
      const queuedResults = lines(queuedDirectory);
      expect(queuedResults).toHaveLength(6);
      expect(byKey(queuedResults)).toEqual(byKey(lines(localDirectory)));
      expect(queuedResults.filter((result) => result.status === 'passed')).toHaveLength(4);
      for (const result of queuedResults) {
        expect(fileList(join(queuedDirectory, result.runDirectory))).toEqual(fileList(join(localDirectory, result.runDirectory)));
        const artifact = join('round_1', 'tiny.html');
        expect(read(join(queuedDirectory, result.runDirectory, artifact))).toBe(read(join(localDirectory, result.runDirectory, artifact)));
      }
      // The report reads the same either way.
      const reports = await Promise.all([runCli(['report', queuedDirectory], cwd), runCli(['report', localDirectory], cwd)]);
      // Every column but seconds per pass (wall time differs between any two runs).
      const table = (stdout: string) => {
        const lines = (stdout.split('\n\nReport:')[0] ?? '').split('\n');
        const secondsColumn = lines.find((line) => line.startsWith('| model'))?.split('|').findIndex((cell) => cell.trim() === 's / pass');
        expect(secondsColumn).toBeGreaterThan(0);
        return lines.map((line) => line.split('|').filter((_, index) => index !== secondsColumn).join('|'));
      };
      expect(table(reports[0].stdout)).toEqual(table(reports[1].stdout));
      // Enqueuing the finished bench again adds nothing.
      const again = await runCli(['bench', '--resume', 'queued'], cwd);
      expect(again.code).toBe(0);
      expect(lines(queuedDirectory)).toHaveLength(6);
    } finally {
      await stop(workers);
    }
  }, 300_000);

  it('a worker killed with SIGKILL mid-trial loses nothing: its trial is taken again and counted once', async () => {
    // Judging takes 1.5 s, so the first worker is surely in the middle of its first trial when killed.
    const doomed = startWorker(cwd, redis.url, referencePath, 1500);
    const coordinator = startCli(benchArgs('killed-worker', 'ndli', 3), cwd);
    let survivor: WorkerProcess | undefined;
    try {
      await until(() => doomed.output().includes('start tiny'), 'the first worker to start a trial');
      doomed.child.kill('SIGKILL');
      await doomed.exited;
      survivor = startWorker(cwd, redis.url, referencePath, 0);
      const result = await coordinator.done;
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const all = lines(join(cwd, 'bench', 'killed-worker'));
      expect(all.map(trialKey).sort()).toEqual([...new Set(all.map(trialKey))].sort());
      expect(all).toHaveLength(3);
      expect(all.every((line) => line.status === 'passed')).toBe(true);
      // The killed worker's trial was finished by the survivor.
      const killedTrial = /start tiny (\S+) (\d+)/.exec(doomed.output());
      expect(survivor.output()).toContain(`end tiny ${killedTrial?.[1]} ${killedTrial?.[2]}`);
    } finally {
      coordinator.child.kill('SIGKILL');
      await stop([doomed, ...(survivor ? [survivor] : [])]);
    }
  }, 300_000);

  it('a coordinator killed mid-bench re-attaches with --resume: nothing lost, nothing counted twice', async () => {
    const worker = startWorker(cwd, redis.url, referencePath, 300);
    const directory = join(cwd, 'bench', 'killed-coordinator');
    try {
      await until(() => worker.output().includes('ready'), 'the worker to connect');
      const coordinator = startCli(benchArgs('killed-coordinator', 'ndli,one-shot', 2), cwd);
      const resultsFile = join(directory, 'results.jsonl');
      await until(() => existsSync(resultsFile) && read(resultsFile).trim() !== '', 'a first collected result');
      coordinator.child.kill('SIGKILL');
      await coordinator.done;
      const before = lines(directory);
      expect(before.length).toBeLessThan(4);
      // The worker goes on meanwhile; its results wait in Redis for the coordinator.
      await until(() => (worker.output().match(/^end /gm) ?? []).length >= 4, 'the worker to finish every trial');

      const resumed = await runCli(['bench', '--resume', 'killed-coordinator'], cwd);
      expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
      const after = lines(directory);
      expect(after).toHaveLength(4);
      expect(new Set(after.map(trialKey)).size).toBe(4);
      for (const finished of before) expect(after.find((result) => trialKey(result) === trialKey(finished))?.finishedAt).toBe(finished.finishedAt);
      for (const result of after) expect(existsSync(join(directory, result.runDirectory, 'run_metadata.json'))).toBe(true);
    } finally {
      await stop([worker]);
    }
  }, 300_000);

  it('`ndli worker` judges with Ralph in real Chromium, ships evidence on request, and stops on Ctrl-C', async () => {
    const bad = await runCli(['worker', '--queue', 'localhost:6379'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/must start with redis:\/\//);

    const worker = startCli(['worker', '--queue', redis.url, '--concurrency', '1'], cwd);
    let output = '';
    worker.child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await until(() => output.includes('Worker on'), 'the worker to connect');
      const bench = await runCli(['bench', '--models', 'replay/models/real-fixer', '--specs', 'tiny', '--modes', 'ndli', '--trials', '1', '--id', 'real-judge', '--max-rounds', '3', '--specs-dir', specsDirectory, '--queue', redis.url, '--evidence'], cwd);
      expect(bench.code, bench.stdout + bench.stderr).toBe(0);
      const directory = join(cwd, 'bench', 'real-judge');
      const [result] = lines(directory);
      // Round 1 is the buggy app (a real test fails, with Ralph's evidence), round 2 the fixed one.
      expect(result).toMatchObject({ status: 'passed', endReason: 'all-tests-passed' });
      expect(result?.rounds.map((round) => round.passed < round.total)).toEqual([true, false]);
      const run = join(directory, result?.runDirectory ?? '');
      expect(existsSync(join(run, 'round_1', 'verdict.json')) && existsSync(join(run, 'round_2', 'verdict.json'))).toBe(true);
      expect(readdirSync(join(run, 'round_1', 'ralph'), { recursive: true, encoding: 'utf8' }).some((path) => path.endsWith('.png'))).toBe(true);
    } finally {
      worker.child.kill('SIGINT');
    }
    const stopped = await worker.done;
    expect(stopped.code).toBe(130);
  }, 300_000);
});
