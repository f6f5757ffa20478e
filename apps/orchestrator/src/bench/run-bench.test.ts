import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NdliConfigSchema } from '../config/config-schema.js';
import type { BenchPlan } from './bench-plan.js';
import { BenchStore } from './bench-store.js';
import { unfinishedTrials } from './run-bench.js';
import type { TrialResult } from './trial-result.js';

const plan: BenchPlan = {
  kind: 'ndli-bench',
  version: 1,
  id: 'unfinished',
  models: ['replay/a'],
  specs: ['calculator'],
  modes: ['ndli'],
  trials: 3,
  concurrency: 1,
  baseUrls: [],
  config: NdliConfigSchema.parse({}),
  createdAt: '2026-12-01T00:00:00.000Z',
};

function line(trial: number, status: TrialResult['status'], errorCause?: TrialResult['errorCause']): TrialResult {
  return { model: 'replay/a', spec: 'calculator', mode: 'ndli', trial, status, endReason: status, rounds: [], tokens: { prompt: 0, completion: 0 }, durationMs: 0, schemaRetries: 0, truncations: 0, ...(errorCause ? { errorCause } : {}), runDirectory: `runs/t${trial}`, finishedAt: `2026-12-01T00:00:0${trial}.000Z` };
}

describe('unfinishedTrials (what --resume runs)', () => {
  it('reruns trials never run and trials ended by an infrastructure error, not model failures', () => {
    const store = BenchStore.create(mkdtempSync(join(tmpdir(), 'ndli-unfinished-')), plan);
    store.appendResult(line(1, 'failed'));
    store.appendResult(line(2, 'error', 'model-server'));
    const { pending, retried } = unfinishedTrials(plan, store);
    expect(pending.map((trial) => trial.trial)).toEqual([2, 3]);
    expect([...retried]).toEqual(['replay/a|calculator|ndli|2']);
  });

  it('takes the latest line of a rerun trial, keeping the first as the record of the error', () => {
    const store = BenchStore.create(mkdtempSync(join(tmpdir(), 'ndli-unfinished-')), plan);
    store.appendResult(line(2, 'error', 'judge'));
    store.appendResult(line(2, 'passed'));
    expect(store.readResults().map((result) => result.status)).toEqual(['passed']);
    expect(store.readAllResults().map((result) => result.status)).toEqual(['error', 'passed']);
    expect(unfinishedTrials(plan, store).pending.map((trial) => trial.trial)).toEqual([1, 3]);
  });
});
