import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import { BenchPlanSchema, GroupSummarySchema, TrialResultSchema, type GroupSummary, type TrialResult } from '../shared/bench-schemas.js';
import type { BenchView } from '../shared/view-model.js';
import type { Links } from './links.js';
import { readJsonFile, readJsonLines } from './read-files.js';
import { type ViewerRoots } from './viewer-roots.js';

const SummaryFileSchema = z.looseObject({ groups: z.array(GroupSummarySchema).default([]) });

/**
 * A bench still running has no summary.json yet: the figures that need no statistics library
 * (trials, passes, pass@1, share green by each round) straight from its results.
 */
export function summarizeResults(results: readonly TrialResult[]): GroupSummary[] {
  const groups = new Map<string, TrialResult[]>();
  for (const result of results) {
    const key = `${result.model}|${result.spec}|${result.mode}`;
    groups.set(key, [...(groups.get(key) ?? []), result]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, trials]) => {
      const first = trials[0] as TrialResult;
      const passes = trials.filter((trial) => trial.status === 'passed').length;
      const roundCount = Math.max(1, ...trials.map((trial) => trial.rounds.length));
      const greenBy = (round: number) => trials.filter((trial) => trial.rounds.some((entry) => entry.round <= round && entry.total > 0 && entry.passed === entry.total)).length / trials.length;
      return {
        model: first.model,
        spec: first.spec,
        mode: first.mode,
        trials: trials.length,
        passes,
        passAtK: [passes / trials.length],
        passRateByRound: Array.from({ length: roundCount }, (_, index) => greenBy(index + 1)),
      };
    });
}

export function readBench(location: string, roots: ViewerRoots, links: Links): BenchView | undefined {
  const directory = roots.resolve(location);
  if (!directory || !statSync(directory).isDirectory()) return undefined;
  const plan = readJsonFile(join(directory, 'bench.json'), BenchPlanSchema);
  const results = readJsonLines(join(directory, 'results.jsonl'), TrialResultSchema);
  const summary = existsSync(join(directory, 'summary.json')) ? readJsonFile(join(directory, 'summary.json'), SummaryFileSchema).value : undefined;
  const reportLocation = existsSync(join(directory, 'report.html')) ? roots.locate(join(directory, 'report.html')) : undefined;
  return {
    location,
    name: basename(resolve(directory)),
    ...(plan.value ? { plan: plan.value } : {}),
    ...(plan.problem ? { problem: plan.problem } : {}),
    groups: summary && summary.groups.length > 0 ? summary.groups : summarizeResults(results),
    results: results.map((result) => {
      const runLocation = result.runDirectory ? roots.locate(join(directory, result.runDirectory)) : undefined;
      return { ...result, ...(runLocation ? { runLocation } : {}) };
    }),
    ...(reportLocation ? { reportUrl: links.artifact(reportLocation) } : {}),
  };
}
