import type { RoundSummary } from '../run/run-metadata.js';

const ALL = ['g › a', 'g › b', 'g › c', 'g › d'];

/** A judged round summary for policy tests: which of four tests (`g › a` … `g › d`) it failed. */
export function judgedRound(round: number, failing: readonly string[], fields: Partial<RoundSummary> = {}): RoundSummary {
  const failingTitles = failing.map((title) => `g › ${title}`);
  const judgeErrorTitles = fields.judgeErrorTitles ?? [];
  return {
    round,
    kind: round === 1 ? 'init' : 'fix',
    status: 'judged',
    attempt: 1,
    calls: 1,
    retries: 0,
    truncations: 0,
    judgeErrors: judgeErrorTitles.length,
    tokens: { prompt: 0, completion: 0 },
    passed: ALL.length - failing.length - judgeErrorTitles.length,
    total: ALL.length,
    outcome: failing.length > 0 ? 'red' : judgeErrorTitles.length > 0 ? 'judge-error' : 'green',
    passedTitles: ALL.filter((title) => !failingTitles.includes(title) && !judgeErrorTitles.includes(title)),
    failingTitles,
    judgeErrorTitles,
    ...fields,
  };
}
