import { describe, expect, it } from 'vitest';
import { VerdictSchema, type Verdict } from './run-schemas.js';
import { bestEarlier, compareVerdicts, groupTests, verdictOutcome } from './verdict-comparison.js';

function verdict(statuses: Record<string, string>): Verdict {
  return VerdictSchema.parse({
    tests: Object.entries(statuses).map(([title, status]) => ({ title, describePath: [title.startsWith('a') ? 'Rule A' : 'Rule B'], file: 'x.spec.ts', status })),
    passed: Object.values(statuses).filter((status) => status === 'passed').length,
  });
}

describe('compareVerdicts', () => {
  it('finds fixed, broken and still-failing tests; judge errors count in none', () => {
    const earlier = verdict({ a1: 'failed', a2: 'passed', b1: 'failed', b2: 'judge-error', b3: 'passed' });
    const current = verdict({ a1: 'passed', a2: 'timedOut', b1: 'failed', b2: 'passed', b3: 'judge-error' });
    expect(compareVerdicts(current, earlier)).toEqual({
      fixed: ['x.spec.ts › Rule A › a1'],
      broken: ['x.spec.ts › Rule A › a2'],
      stillFailing: ['x.spec.ts › Rule B › b1'],
    });
  });

  it('picks the earlier round with the most tests passed, the first of equals', () => {
    const rounds: { round: number; verdict?: Verdict }[] = [{ round: 1, verdict: verdict({ a1: 'passed', a2: 'failed' }) }, { round: 2 }, { round: 3, verdict: verdict({ a1: 'passed', a2: 'passed' }) }, { round: 4, verdict: verdict({ a1: 'passed', a2: 'passed' }) }];
    expect(bestEarlier(rounds)?.round).toBe(3);
    expect(bestEarlier(rounds.slice(1, 2))).toBeUndefined();
  });
});

describe('groupTests', () => {
  it('groups tests by their describe blocks and counts failures per group', () => {
    const groups = groupTests(verdict({ a1: 'passed', a2: 'failed', b1: 'passed' }).tests);
    expect(groups.map((group) => [group.name, group.tests.length, group.failed])).toEqual([
      ['Rule A', 2, 1],
      ['Rule B', 1, 0],
    ]);
  });
});

describe('verdictOutcome', () => {
  it('is red when a test failed, judge-error when nothing failed but something went unjudged, else green', () => {
    const judged = VerdictSchema.parse({ total: 2, passed: 2 });
    expect(verdictOutcome(judged)).toBe('green');
    expect(verdictOutcome({ ...judged, failed: 1 })).toBe('red');
    expect(verdictOutcome({ ...judged, judgeErrors: [{ title: 't', describePath: [], file: 'f', message: 'ENOENT' }] })).toBe('judge-error');
    expect(verdictOutcome({ ...judged, runErrors: ['spec does not compile'] })).toBe('judge-error');
    expect(verdictOutcome({ ...judged, total: 0 })).toBe('judge-error');
  });
});
