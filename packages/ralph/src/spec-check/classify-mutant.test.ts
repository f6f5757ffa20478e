import { describe, expect, it } from 'vitest';
import { classifyMutant, mutationScore } from './classify-mutant.js';
import type { Mutant } from './instrument-reference.js';
import type { TestRunRecord } from './mutation-plan.js';

const mutant: Mutant = { id: '4', mutatorName: 'EqualityOperator', replacement: 'a !== b', location: { start: { line: 0, column: 0 }, end: { line: 0, column: 7 } } };

function run(status: TestRunRecord['status'], overrides: Partial<TestRunRecord> = {}): TestRunRecord {
  return { title: `Rule › ${status}`, file: 'a.spec.ts', describePath: ['Rule'], mutantId: '4', status, loadErrors: [], ...overrides };
}

describe('classifyMutant', () => {
  it('is killed by the test that failed', () => {
    const outcome = classifyMutant(mutant, [run('passed'), run('failed', { error: 'Expected: 3' })], 2);
    expect(outcome.status).toBe('killed');
    expect(outcome.killedBy).toEqual({ title: 'Rule › failed', error: 'Expected: 3' });
  });

  it('is killed by a timeout too, and says so', () => {
    expect(classifyMutant(mutant, [run('timedOut')], 1).reason).toContain('timed out');
  });

  it('is invalid when the page errored at load, even if a test failed', () => {
    const outcome = classifyMutant(mutant, [run('failed', { loadErrors: ['TypeError: x is null'] })], 1);
    expect(outcome.status).toBe('invalid');
    expect(outcome.reason).toContain('TypeError: x is null');
  });

  it('survives when every test reaching it passed, or when no test reaches it', () => {
    expect(classifyMutant(mutant, [run('passed'), run('passed', { title: 'other' })], 2).status).toBe('survived');
    expect(classifyMutant(mutant, [], 0)).toMatchObject({ status: 'survived', reason: 'no test reaches this code' });
  });

  it('is skipped, not survived, when some tests reaching it never finished', () => {
    expect(classifyMutant(mutant, [run('passed'), run('interrupted')], 3).status).toBe('skipped');
  });

  it('ignores runs of other mutants', () => {
    expect(classifyMutant(mutant, [run('failed', { mutantId: '5' })], 0).status).toBe('survived');
  });

  it('keeps the reason Stryker skipped a mutant for', () => {
    expect(classifyMutant({ ...mutant, skipReason: 'disabled by comment' }, [], 0)).toMatchObject({ status: 'skipped', reason: 'disabled by comment' });
  });
});

describe('mutationScore', () => {
  it('is killed over killed plus survived; invalid and skipped are counted apart', () => {
    const outcomes = [
      classifyMutant(mutant, [run('failed')], 1),
      classifyMutant(mutant, [run('failed')], 1),
      classifyMutant(mutant, [run('failed')], 1),
      classifyMutant(mutant, [run('passed')], 1),
      classifyMutant(mutant, [run('failed', { loadErrors: ['boom'] })], 1),
    ];
    expect(mutationScore(outcomes)).toEqual({ killed: 3, survived: 1, invalid: 1, equivalent: 0, skipped: 0, score: 0.75 });
  });

  it('has no score when nothing was judged', () => {
    expect(mutationScore([classifyMutant(mutant, [run('failed', { loadErrors: ['boom'] })], 1)]).score).toBeUndefined();
  });
});
