import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import { BenchPlanSchema, GroupSummarySchema, settingLabel, TrialResultSchema, type GroupSummary, type TrialResult } from '../shared/bench-schemas.js';
import type { BenchView } from '../shared/view-model.js';
import type { Links } from './links.js';
import { readJsonFile, readJsonLines } from './read-files.js';
import { type ViewerRoots } from './viewer-roots.js';

const SummaryFileSchema = z.looseObject({ groups: z.array(GroupSummarySchema).default([]) });

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Held-out figures as `ndli bench` summarizes them (its `GroupSummary.heldOut`; the viewer may not import the
 * orchestrator): over the trials whose best round judged held-out tests, the mean held-out and visible shares,
 * their gap, and the `overfit` trials.
 */
export function heldOutFigures(trials: readonly TrialResult[]): GroupSummary['heldOut'] {
  const measured = trials.filter((trial) => (trial.best?.heldOutTotal ?? 0) > 0 && (trial.best?.total ?? 0) > 0);
  if (measured.length === 0) return undefined;
  const heldOut = mean(measured.map((trial) => (trial.best?.heldOutPassed ?? 0) / (trial.best?.heldOutTotal ?? 1)));
  const visible = mean(measured.map((trial) => (trial.best?.passed ?? 0) / (trial.best?.total ?? 1)));
  return { trials: measured.length, meanFractionPassed: heldOut, visibleMeanFractionPassed: visible, gap: visible - heldOut, overfit: trials.filter((trial) => trial.status === 'overfit').length };
}

/** A round is green when every visible test passed, and every held-out one too when there are some. */
function isGreen(round: TrialResult['rounds'][number]): boolean {
  return round.total > 0 && round.passed === round.total && (round.heldOutTotal === undefined || round.heldOutPassed === round.heldOutTotal);
}

/**
 * A bench still running has no summary.json yet: the figures that need no statistics library
 * (trials, passes, pass@1, share green by each round, held-out shares) straight from its results.
 */
export function summarizeResults(results: readonly TrialResult[]): GroupSummary[] {
  const groups = new Map<string, TrialResult[]>();
  for (const result of results) {
    // As `ndli bench` groups: a bench varying candidates or call concurrency has a group per setting.
    const key = `${result.model}|${result.spec}|${result.mode}|${settingLabel(result.setting)}`;
    groups.set(key, [...(groups.get(key) ?? []), result]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, trials]) => {
      const first = trials[0] as TrialResult;
      const passes = trials.filter((trial) => trial.status === 'passed').length;
      const roundCount = Math.max(1, ...trials.map((trial) => trial.rounds.length));
      const greenBy = (round: number) => trials.filter((trial) => trial.rounds.some((entry) => entry.round <= round && isGreen(entry))).length / trials.length;
      const heldOut = heldOutFigures(trials);
      return {
        model: first.model,
        spec: first.spec,
        mode: first.mode,
        ...(first.setting ? { setting: first.setting } : {}),
        trials: trials.length,
        passes,
        passAtK: [passes / trials.length],
        passRateByRound: Array.from({ length: roundCount }, (_, index) => greenBy(index + 1)),
        ...(heldOut ? { heldOut } : {}),
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
