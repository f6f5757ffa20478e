import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BenchPlanSchema, TrialResultSchema } from '../shared/bench-schemas.js';
import { RunMetadataSchema } from '../shared/run-schemas.js';
import type { BenchListItem, RunListItem, ViewerIndex } from '../shared/view-model.js';
import { readJsonFile, readJsonLines } from './read-files.js';
import { childLocation, type ViewerRoots } from './viewer-roots.js';

const isRun = (directory: string) => existsSync(join(directory, 'run_metadata.json'));
const isBench = (directory: string) => existsSync(join(directory, 'bench.json'));

function subdirectories(directory: string): string[] {
  try {
    return readdirSync(directory).filter((entry) => !entry.startsWith('.') && statSync(join(directory, entry)).isDirectory()).sort();
  } catch {
    return [];
  }
}

function runItem(directory: string, location: string, name: string, bench: string | undefined): RunListItem {
  const { value: metadata, problem } = readJsonFile(join(directory, 'run_metadata.json'), RunMetadataSchema);
  const rounds = metadata?.rounds ?? [];
  const lastJudged = [...rounds].reverse().find((round) => round.total !== undefined);
  const best = metadata?.best;
  const passed = best?.passed ?? lastJudged?.passed;
  const total = best?.total ?? lastJudged?.total;
  // The held-out figures of the same round the visible ones come from.
  const heldOut = best?.total !== undefined ? best : lastJudged;
  return {
    location,
    name,
    ...(bench ? { bench } : {}),
    status: metadata?.status ?? 'unreadable',
    spec: metadata?.spec ?? '?',
    model: metadata?.model?.spec ?? metadata?.model?.id ?? '?',
    scripted: metadata?.model?.scripted === true || (metadata?.model?.spec ?? '').startsWith('replay/'),
    mode: metadata?.mode ?? '?',
    rounds: rounds.length,
    ...(passed !== undefined ? { passed } : {}),
    ...(total !== undefined ? { total } : {}),
    ...(heldOut?.heldOutTotal !== undefined ? { heldOutPassed: heldOut.heldOutPassed ?? 0, heldOutTotal: heldOut.heldOutTotal } : {}),
    tokens: (metadata?.tokens?.prompt ?? 0) + (metadata?.tokens?.completion ?? 0),
    durationMs: metadata?.durationMs ?? 0,
    ...(metadata?.startedAt ? { startedAt: metadata.startedAt } : {}),
    ...(problem ? { problem } : {}),
  };
}

function benchItem(directory: string, location: string, name: string): BenchListItem {
  const plan = readJsonFile(join(directory, 'bench.json'), BenchPlanSchema).value;
  const models = plan?.models ?? [];
  return {
    location,
    name,
    models,
    specs: plan?.specs ?? [],
    modes: plan?.modes ?? [],
    trials: plan?.trials ?? 0,
    finished: readJsonLines(join(directory, 'results.jsonl'), TrialResultSchema).length,
    ...(plan?.createdAt ? { createdAt: plan.createdAt } : {}),
    scripted: models.some((model) => model.startsWith('replay/')),
  };
}

/**
 * Every run and bench under the roots: a root may itself be a run or a bench, or hold them one level
 * down; a bench's trial runs (`<bench>/runs/*`) are listed too, tagged with their bench.
 */
export function listDirectories(roots: ViewerRoots): ViewerIndex {
  const runs: RunListItem[] = [];
  const benches: BenchListItem[] = [];
  const visitBench = (directory: string, location: string, name: string) => {
    benches.push(benchItem(directory, location, name));
    for (const trial of subdirectories(join(directory, 'runs'))) {
      const trialDirectory = join(directory, 'runs', trial);
      if (isRun(trialDirectory)) runs.push(runItem(trialDirectory, childLocation(location, 'runs', trial), trial, name));
    }
  };
  for (const [index, root] of roots.directories.entries()) {
    const rootLocation = String(index);
    const rootName = root.split(/[\\/]/).at(-1) ?? root;
    if (isRun(root)) runs.push(runItem(root, rootLocation, rootName, undefined));
    else if (isBench(root)) visitBench(root, rootLocation, rootName);
    else {
      for (const entry of subdirectories(root)) {
        const directory = join(root, entry);
        if (isRun(directory)) runs.push(runItem(directory, childLocation(rootLocation, entry), entry, undefined));
        else if (isBench(directory)) visitBench(directory, childLocation(rootLocation, entry), entry);
      }
    }
  }
  runs.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
  return { roots: [...roots.directories], runs, benches };
}
