import { describe, expect, it } from 'vitest';
import { judgedRound } from '../test-support/round-summary.js';
import { decideNextRound, type RoundHistory } from './next-round-policy.js';
import type { RoundSummary } from './run-metadata.js';

const history = (rounds: RoundSummary[], overrides: Partial<RoundHistory> = {}): RoundHistory => ({
  mode: 'ndli',
  rounds,
  restarts: 0,
  limits: { maxRounds: 5, stallRounds: 2, maxRestarts: 1 },
  budget: undefined,
  ...overrides,
});

describe('what the outer loop does next', () => {
  it('starts with INIT, continues an unjudged round, and ends green', () => {
    expect(decideNextRound(history([]))).toEqual({ kind: 'init' });
    expect(decideNextRound(history([{ ...judgedRound(1, ['a']), status: 'generating' }]))).toEqual({ kind: 'continue', round: 1 });
    expect(decideNextRound(history([judgedRound(1, [])]))).toEqual({ kind: 'end', status: 'passed', endReason: 'all-tests-passed' });
  });

  it('a judge error is never green nor red: judged once more, then the run ends judge-error', () => {
    const judgeError = judgedRound(1, [], { judgeErrorTitles: ['g › b'] });
    expect(decideNextRound(history([judgeError]))).toEqual({ kind: 'rejudge', round: 1 });
    expect(decideNextRound(history([{ ...judgeError, rejudged: true }]))).toEqual({ kind: 'end', status: 'judge-error', endReason: 'harness-could-not-judge' });
    // Real failures beside judge errors: FIX them.
    expect(decideNextRound(history([judgedRound(1, ['a'], { judgeErrorTitles: ['g › b'] })]))).toEqual({ kind: 'fix', anchorRound: 1, attempt: 1 });
  });

  it('FIX builds on the best round of the attempt, not on a regression', () => {
    const rounds = [judgedRound(1, ['a', 'b']), judgedRound(2, ['a']), judgedRound(3, ['c'], { regressedTitles: ['g › c'], anchorRound: 2 })];
    expect(decideNextRound(history(rounds))).toEqual({ kind: 'fix', anchorRound: 2, attempt: 1 });
  });

  it('stagnation starts afresh while restarts remain, then ends stalled', () => {
    const stuck = [judgedRound(1, ['a']), judgedRound(2, ['a'])];
    expect(decideNextRound(history(stuck))).toEqual({ kind: 'restart', attempt: 2, fromAttempt: 1 });
    expect(decideNextRound(history(stuck, { restarts: 1 }))).toEqual({ kind: 'end', status: 'stalled', endReason: 'same-failures-repeated' });
    expect(decideNextRound(history(stuck, { limits: { maxRounds: 5, stallRounds: 2, maxRestarts: 0 } }))).toMatchObject({ kind: 'end', status: 'stalled' });
    // After the fresh start only its own rounds count: one round of attempt 2 is not stagnant yet.
    const restarted = [...stuck, judgedRound(3, ['a'], { kind: 'restart', attempt: 2 })];
    expect(decideNextRound(history(restarted, { restarts: 1 }))).toEqual({ kind: 'fix', anchorRound: 3, attempt: 2 });
  });

  it('ends on the last round, on a budget, and after one judged round without FIX', () => {
    const rounds = [judgedRound(1, ['a']), judgedRound(2, ['b'])];
    expect(decideNextRound(history(rounds, { limits: { maxRounds: 2, stallRounds: 2, maxRestarts: 1 } }))).toEqual({ kind: 'end', status: 'failed', endReason: 'max-rounds' });
    expect(decideNextRound(history(rounds, { budget: 'budget-tokens' }))).toEqual({ kind: 'end', status: 'failed', endReason: 'budget-tokens' });
    expect(decideNextRound(history([{ ...judgedRound(1, ['a']), status: 'error' }], { budget: 'budget-wall-time' }))).toEqual({ kind: 'end', status: 'failed', endReason: 'budget-wall-time' });
    expect(decideNextRound(history([judgedRound(1, ['a'])], { mode: 'inner' }))).toEqual({ kind: 'end', status: 'failed', endReason: 'no-fix-rounds' });
    expect(decideNextRound(history([judgedRound(1, ['a'])], { mode: 'one-shot' }))).toEqual({ kind: 'end', status: 'failed', endReason: 'one-shot' });
  });
});
