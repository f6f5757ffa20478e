import { describe, expect, it } from 'vitest';
import { NdliConfigSchema } from '../config/config-schema.js';
import { markdownTable } from '../report/markdown-table.js';
import { plannedTrials, trialDirectoryName, trialKey, type BenchPlan } from './bench-plan.js';
import { compareBenches, renderComparison } from './compare-benches.js';
import { summarize } from './summarize.js';
import type { TrialResult } from './trial-result.js';

const plan: BenchPlan = {
  kind: 'ndli-bench',
  version: 1,
  id: 'dimensions',
  models: ['replay/a'],
  specs: ['calculator'],
  modes: ['ndli'],
  trials: 2,
  concurrency: 1,
  candidates: [1, 4],
  callConcurrency: [4],
  baseUrls: [],
  config: NdliConfigSchema.parse({}),
  createdAt: '2026-12-01T00:00:00.000Z',
};

function result(trial: number, candidates: number, status: TrialResult['status'], tokens: number, best: NonNullable<TrialResult['best']>): TrialResult {
  return {
    model: 'replay/a',
    spec: 'calculator',
    mode: 'ndli',
    trial,
    setting: { candidates, concurrency: 4 },
    status,
    endReason: status === 'passed' ? 'all-tests-passed' : 'held-out-tests-failed',
    rounds: [{ round: 1, ...best }],
    best,
    tokens: { prompt: tokens, completion: 0 },
    durationMs: 1000,
    schemaRetries: 0,
    truncations: 0,
    runDirectory: `runs/t${trial}`,
    finishedAt: '2026-12-01T00:00:00.000Z',
  };
}

describe('candidates and call concurrency as bench dimensions', () => {
  it('plans one trial per setting, each with its own key and run directory', () => {
    const trials = plannedTrials(plan);
    expect(trials.map((trial) => [trial.trial, trial.setting])).toEqual([
      [1, { candidates: 1, concurrency: 4 }],
      [1, { candidates: 4, concurrency: 4 }],
      [2, { candidates: 1, concurrency: 4 }],
      [2, { candidates: 4, concurrency: 4 }],
    ]);
    expect(new Set(trials.map(trialKey)).size).toBe(4);
    expect(trialDirectoryName(trials[1]!)).toBe('replay_a__calculator__ndli__c4k4__t1');
    // A plan without dimensions keeps its trials' old keys (a resumed old bench finds its results).
    expect(trialKey(plannedTrials({ ...plan, candidates: undefined, callConcurrency: undefined })[0]!)).toBe('replay/a|calculator|ndli|1');
  });

  it('reports pass rate beside tokens spent, held-out passed and the visible − held-out gap per setting; compare matches settings', () => {
    const before = summarize([result(1, 1, 'overfit', 1000, { passed: 10, total: 10, heldOutPassed: 1, heldOutTotal: 2 }), result(2, 1, 'passed', 1000, { passed: 10, total: 10, heldOutPassed: 2, heldOutTotal: 2 })]);
    expect(before).toHaveLength(1);
    // The overfit trial's round passed every visible test but is not green.
    expect(before[0]?.passRateByRound).toEqual([0.5]);
    expect(before[0]).toMatchObject({ setting: { candidates: 1, concurrency: 4 }, meanTokens: 1000, heldOut: { trials: 2, meanFractionPassed: 0.75, visibleMeanFractionPassed: 1, gap: 0.25, overfit: 1 } });
    const after = summarize([result(1, 1, 'passed', 4000, { passed: 10, total: 10, heldOutPassed: 2, heldOutTotal: 2 }), result(1, 4, 'passed', 4000, { passed: 10, total: 10, heldOutPassed: 2, heldOutTotal: 2 })]);
    expect(after.map((group) => group.setting?.candidates)).toEqual([1, 4]);
    const table = markdownTable(after);
    expect(table).toContain('| replay/a | calculator | ndli · 4 candidates · 4 in flight | 1 | 1 | 100%');
    expect(table).toContain('| 4.0k |');
    const comparison = compareBenches(before, after, { threshold: 0.1, alpha: 0.05 });
    const text = renderComparison(comparison, { threshold: 0.1, alpha: 0.05, allowMissing: true });
    expect(text).toMatch(/replay\/a · calculator · ndli · 1 candidate · 4 in flight: pass@1 1\/2 = 50%.*held-out 75% → 100% \(gap 25% → 0%\)/);
    expect(text).toMatch(/\? replay\/a · calculator · ndli · 4 candidates · 4 in flight: missing from the first bench/);
  });
});
