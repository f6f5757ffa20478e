import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NdliConfigSchema } from '../config/config-schema.js';
import { scriptedJudge } from '../test-support/scripted-judge.js';
import { tinySpecsDirectory } from '../test-support/tiny-app.js';
import type { BenchPlan } from './bench-plan.js';
import { runTrial } from './run-trial.js';

/** A loopback port nothing listens on: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function plan(specsDir: string): BenchPlan {
  return { kind: 'ndli-bench', version: 1, id: 'trial', models: ['openai-compatible/absent'], specs: ['tiny'], modes: ['ndli'], trials: 1, concurrency: 1, baseUrls: [], config: NdliConfigSchema.parse({ specsDir, requestTimeoutMs: 5_000 }), createdAt: '2026-12-01T00:00:00.000Z' };
}

describe('runTrial: infrastructure errors end a trial `error`, with their cause', () => {
  const specsDirectory = tinySpecsDirectory();
  const trial = { model: 'openai-compatible/absent', spec: 'tiny', mode: 'ndli' as const, trial: 1 };

  it('a model server that does not answer: `error`, cause model-server (not a model failure)', async () => {
    const benchDirectory = mkdtempSync(join(tmpdir(), 'ndli-trial-'));
    const context = { cwd: benchDirectory, plan: plan(specsDirectory), benchDirectory, judge: scriptedJudge([[]]) };
    const result = await runTrial(context, trial, join(benchDirectory, 'runs', 't1'), `http://127.0.0.1:${await closedPort()}/v1`, false);
    expect(result).toMatchObject({ status: 'error', errorCause: 'model-server', errorCode: 'MODEL_UNREACHABLE', runDirectory: join('runs', 't1') });
  });

  it('a trial that throws before its run starts (a spec gone missing): `error`, cause crash, with the message', async () => {
    const benchDirectory = mkdtempSync(join(tmpdir(), 'ndli-trial-'));
    const context = { cwd: benchDirectory, plan: plan(specsDirectory), benchDirectory, judge: scriptedJudge([[]]) };
    const result = await runTrial(context, { ...trial, spec: 'no-such-spec' }, join(benchDirectory, 'runs', 't1'), undefined, false);
    expect(result?.status).toBe('error');
    expect(result?.errorCause).toBe('crash');
    expect(result?.errorMessage).toMatch(/no-such-spec/);
  });
});
