import { describe, expect, it } from 'vitest';
import { mergeRerun, rerunTitles } from './merge-rerun.js';
import { calculatorLikeVerdict } from './test-fixtures/calculator-like-verdict.js';
import type { Failure, JudgeError, TestOutcome, Verdict } from './verdict.js';

function outcome(title: string, status: TestOutcome['status']): TestOutcome {
  return { title, describePath: ['group'], file: 'a.spec.ts', line: 1, status, durationMs: 10 };
}

function failure(title: string, message = 'Expected: "1"'): Failure {
  return { ...outcome(title, 'failed'), group: 'group', actions: [], message, consoleErrors: [], pageErrors: [], dialogs: [], blockedRequests: [] };
}

function judgeError(title: string): JudgeError {
  return { title, describePath: ['group'], file: 'a.spec.ts', line: 1, message: 'browserContext.close: ENOENT …/.playwright-artifacts-1/traces/x.trace' };
}

function verdict(tests: TestOutcome[], failures: Failure[], judgeErrors: JudgeError[] = []): Verdict {
  const base = calculatorLikeVerdict();
  return { ...base, tests, failures, judgeErrors, total: tests.length, passed: tests.filter((test) => test.status === 'passed').length, failed: failures.length, durationMs: 1000, runErrors: [] };
}

describe('rerunTitles', () => {
  it('takes failures and judge errors, not tests that never ran or an app that never loaded', () => {
    const first = verdict(
      [outcome('a', 'failed'), outcome('b', 'judge-error'), outcome('c', 'didNotRun'), outcome('d', 'failed')],
      [failure('a'), { ...failure('c'), status: 'didNotRun' }, failure('d', 'The app never finished loading: …')],
      [judgeError('b')],
    );
    expect(rerunTitles(first)).toEqual(['group › a', 'group › b']);
  });

  it('takes every failure up to the limit, then a sample that reaches every failing group; judge errors always', () => {
    const inGroup = (group: string, title: string): Failure => ({ ...failure(title), describePath: [group], group });
    const failures = [inGroup('add', 'a1'), inGroup('add', 'a2'), inGroup('add', 'a3'), inGroup('add', 'a4'), inGroup('mul', 'm1'), inGroup('mul', 'm2'), inGroup('neg', 'n1')];
    const many = { failures, judgeErrors: [judgeError('harness')] };
    expect(rerunTitles(many, 7)).toHaveLength(8);
    expect(rerunTitles(many, 4)).toEqual(['add › a1', 'mul › m1', 'neg › n1', 'add › a2', 'group › harness']);
    expect(rerunTitles(many, 2)).toEqual(['add › a1', 'mul › m1', 'group › harness']);
    expect(rerunTitles({ failures: [], judgeErrors: [judgeError('harness')] }, 0)).toEqual(['group › harness']);
  });
});

describe('mergeRerun', () => {
  const first = verdict(
    [outcome('ok', 'passed'), outcome('flaky', 'failed'), outcome('stays red', 'failed'), outcome('harness once', 'judge-error'), outcome('harness twice', 'judge-error'), outcome('harness then app', 'judge-error')],
    [failure('flaky'), failure('stays red')],
    [judgeError('harness once'), judgeError('harness twice'), judgeError('harness then app')],
  );
  const rerun = verdict(
    [outcome('flaky', 'passed'), outcome('stays red', 'failed'), outcome('harness once', 'passed'), outcome('harness twice', 'judge-error'), outcome('harness then app', 'failed')],
    [{ ...failure('stays red'), trace: '/out/rerun/trace.zip' }, failure('harness then app')],
    [judgeError('harness twice')],
  );
  const merged = mergeRerun(first, rerun);

  it('reports a failure that passes on its re-run as flaky and passed, not failed', () => {
    expect(merged.flaky).toEqual(['group › flaky']);
    expect(merged.tests.find((test) => test.title === 'flaky')?.status).toBe('passed');
  });

  it('keeps a failure that fails again, with the re-run’s trace', () => {
    expect(merged.failures.map((entry) => entry.title)).toEqual(['stays red', 'harness then app']);
    expect(merged.failures[0]?.trace).toBe('/out/rerun/trace.zip');
  });

  it('keeps a judge error only when it fails the same way twice; never as a failure or a pass', () => {
    expect(merged.judgeErrors.map((entry) => entry.title)).toEqual(['harness twice']);
    expect(merged.tests.find((test) => test.title === 'harness twice')?.status).toBe('judge-error');
    expect(merged.tests.find((test) => test.title === 'harness once')?.status).toBe('passed');
  });

  it('recounts, adds the re-run’s time and keeps the total', () => {
    expect([merged.total, merged.passed, merged.failed]).toEqual([6, 3, 2]);
    expect(merged.durationMs).toBe(2000);
  });
});
