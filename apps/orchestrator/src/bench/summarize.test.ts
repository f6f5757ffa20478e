import { describe, expect, it } from 'vitest';
import { summarize, summarizeGroup } from './summarize.js';
import type { TrialResult } from './trial-result.js';

function trial(overrides: Partial<TrialResult> & Pick<TrialResult, 'trial' | 'status' | 'rounds'>): TrialResult {
  return {
    model: 'replay/a',
    spec: 'calculator',
    mode: 'ndli',
    endReason: overrides.status === 'passed' ? 'all-tests-passed' : 'max-rounds',
    tokens: { prompt: 1000, completion: 500 },
    durationMs: 10_000,
    schemaRetries: 0,
    truncations: 0,
    runDirectory: `runs/t${overrides.trial}`,
    finishedAt: '2026-11-25T00:00:00.000Z',
    best: overrides.rounds.length > 0 ? { passed: Math.max(...overrides.rounds.map((round) => round.passed)), total: overrides.rounds[0]?.total ?? 0 } : undefined,
    ...overrides,
  };
}

describe('summarizeGroup', () => {
  const results: TrialResult[] = [
    trial({ trial: 1, status: 'passed', rounds: [{ round: 1, passed: 10, total: 10 }] }),
    trial({ trial: 2, status: 'passed', rounds: [{ round: 1, passed: 6, total: 10 }, { round: 2, passed: 10, total: 10 }] }),
    trial({ trial: 3, status: 'stalled', endReason: 'same-failures-repeated', rounds: [{ round: 1, passed: 5, total: 10 }, { round: 2, passed: 5, total: 10 }] }),
    // The model never gave a usable answer: its failure, counted.
    trial({ trial: 4, status: 'failed', endReason: 'PHASE_OUTPUT_INVALID', errorCode: 'PHASE_OUTPUT_INVALID', rounds: [], truncations: 2 }),
    // The server went away: says nothing about the model, left out of every figure.
    trial({ trial: 5, status: 'error', endReason: 'MODEL_UNREACHABLE', errorCode: 'MODEL_UNREACHABLE', errorCause: 'model-server', rounds: [], tokens: { prompt: 99_000, completion: 0 } }),
    trial({ trial: 6, status: 'error', endReason: 'judge-error', errorCause: 'judge', rounds: [{ round: 1, passed: 0, total: 10 }] }),
  ];
  const summary = summarizeGroup(results);

  it('computes pass@k for every k from the trials', () => {
    expect(summary.trials).toBe(4);
    expect(summary.passes).toBe(2);
    // n=4, c=2: pass@1 = .5, pass@2 = 1 − C(2,2)/C(4,2) = 5/6, pass@3 = pass@4 = 1
    expect(summary.passAtK).toHaveLength(4);
    expect(summary.passAtK[0]).toBeCloseTo(0.5, 12);
    expect(summary.passAtK[1]).toBeCloseTo(5 / 6, 12);
    expect(summary.passAtK[2]).toBe(1);
  });

  it('computes pass^k (all k pass) for every k', () => {
    // n=4, c=2: pass^1 = .5, pass^2 = C(2,2)/C(4,2) = 1/6, pass^3 = 0
    expect(summary.passHatK[0]).toBeCloseTo(0.5, 12);
    expect(summary.passHatK[1]).toBeCloseTo(1 / 6, 12);
    expect(summary.passHatK[2]).toBe(0);
  });

  it('gives each figure a 95 % interval around it (Wilson for pass@1: 2 of 4 = [0.15, 0.85])', () => {
    expect(summary.passAtKInterval[0]?.low).toBeCloseTo(0.15003898915214947, 10);
    expect(summary.passAtKInterval[0]?.high).toBeCloseTo(0.8499610108478506, 10);
    // The intervals are for the model's pass@k = 1 − (1 − p)^k and pass^k = p^k: they widen towards
    // "some pass" and shrink towards "all pass" as k grows.
    expect(summary.passAtKInterval[2]!.low).toBeGreaterThan(summary.passAtKInterval[0]!.low);
    expect(summary.passHatKInterval[2]!.high).toBeLessThan(summary.passHatKInterval[0]!.high);
    expect(summary.passHatKInterval[1]!.high).toBeCloseTo(0.8499610108478506 ** 2, 10);
  });

  it('shows infrastructure errors apart, by cause, and leaves them out of every figure', () => {
    expect(summary.infrastructureErrors).toEqual({ total: 2, modelServer: 1, judge: 1, crash: 0 });
    // The unreachable server's tokens are not charged to the model's passes.
    expect(summary.tokensPerVerifiedPass).toBe((4 * 1500) / 2);
  });

  it('measures how much each FIX round adds', () => {
    expect(summary.passRateByRound).toEqual([0.25, 0.5]);
  });

  it('averages the share of tests passed (never-judged trials count 0)', () => {
    expect(summary.meanFractionPassed).toBeCloseTo((1 + 1 + 0.5 + 0) / 4, 12);
  });

  it('charges all spent tokens and time to the verified passes', () => {
    expect(summary.tokensPerVerifiedPass).toBe((4 * 1500) / 2);
    expect(summary.secondsPerVerifiedPass).toBe(40 / 2);
  });

  it('counts failure causes', () => {
    expect(summary.failureCauses).toMatchObject({ schemaFailures: 1, truncations: 2, stalls: 1, budget: 0, maxRounds: 0 });
  });

  it('reports no cost per pass when nothing passed', () => {
    const none = summarizeGroup([trial({ trial: 1, status: 'failed', rounds: [{ round: 1, passed: 1, total: 10 }] })]);
    expect(none.tokensPerVerifiedPass).toBeUndefined();
    expect(none.passAtK).toEqual([0]);
  });

  it('has no figure at all when every trial was an infrastructure error', () => {
    const unjudged = summarizeGroup([trial({ trial: 1, status: 'error', errorCause: 'crash', rounds: [] })]);
    expect(unjudged).toMatchObject({ trials: 0, passes: 0, passAtK: [], passHatK: [], infrastructureErrors: { total: 1, crash: 1 } });
  });
});

describe('summarize', () => {
  it('groups by model × spec × mode', () => {
    const groups = summarize([
      trial({ trial: 1, status: 'passed', rounds: [{ round: 1, passed: 3, total: 3 }] }),
      trial({ trial: 1, status: 'failed', mode: 'one-shot', rounds: [{ round: 1, passed: 1, total: 3 }] }),
      trial({ trial: 2, status: 'passed', rounds: [{ round: 1, passed: 3, total: 3 }] }),
    ]);
    expect(groups.map((group) => [group.mode, group.trials, group.passes])).toEqual([
      ['ndli', 2, 2],
      ['one-shot', 1, 0],
    ]);
  });
});
