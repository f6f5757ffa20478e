import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GroupSummarySchema, TrialResultSchema } from '../shared/bench-schemas.js';
import { FIXTURES } from '../test-support/fixture-roots.js';
import { summarizeResults } from './read-bench.js';

const BENCH = join(FIXTURES, 'held-out', 'bench_held_out');
const results = readFileSync(join(BENCH, 'results.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => TrialResultSchema.parse(JSON.parse(line)));

describe('a bench without summary.json (still running)', () => {
  it('works out the held-out figures from its results as `ndli bench` does in summary.json', () => {
    const written = JSON.parse(readFileSync(join(BENCH, 'summary.json'), 'utf8')) as { groups: unknown[] };
    const expected = written.groups.map((group) => GroupSummarySchema.parse(group));
    const groups = summarizeResults(results);
    expect(groups.map((group) => group.spec)).toEqual(['calculator', 'todo']);
    const [calculator, todo] = groups;
    expect(calculator?.heldOut?.trials).toBe(2);
    expect(calculator?.heldOut?.overfit).toBe(1);
    expect(calculator?.heldOut?.meanFractionPassed).toBeCloseTo(expected[0]?.heldOut?.meanFractionPassed ?? NaN, 9);
    expect(calculator?.heldOut?.visibleMeanFractionPassed).toBeCloseTo(1, 9);
    expect(calculator?.heldOut?.gap).toBeCloseTo(expected[0]?.heldOut?.gap ?? NaN, 9);
    // A spec that holds nothing out gets no held-out figures at all.
    expect(todo).not.toHaveProperty('heldOut');
  });

  it('counts a trial green only when its held-out tests pass too (an overfit round is not green)', () => {
    const [calculator] = summarizeResults(results);
    // Trial 1 passes every visible test in round 2 but fails held-out ones; trial 2 is fully green in round 1.
    expect(calculator?.passRateByRound).toEqual([0.5, 0.5]);
  });
});

describe('a bench varying candidates or call concurrency, without summary.json', () => {
  it('keeps a group per setting, as `ndli bench` does, each with its own figures', () => {
    const trial = (setting: { candidates: number; concurrency: number }, index: number, status: string) =>
      TrialResultSchema.parse({ model: 'replay/demo', spec: 'calculator', mode: 'ndli', trial: index, setting, status, rounds: [{ round: 1, passed: status === 'passed' ? 3 : 1, total: 3 }] });
    const one = { candidates: 1, concurrency: 1 };
    const four = { candidates: 4, concurrency: 4 };
    const groups = summarizeResults([trial(one, 1, 'failed'), trial(four, 1, 'passed'), trial(one, 2, 'failed'), trial(four, 2, 'passed')]);
    expect(groups.map((group) => [group.setting, group.trials, group.passes])).toEqual([
      [one, 2, 0],
      [four, 2, 2],
    ]);
  });
});
