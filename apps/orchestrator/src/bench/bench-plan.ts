import { z } from 'zod';
import { NdliConfigSchema } from '../config/config-schema.js';
import { RunModeSchema } from '../run/run-metadata.js';

/** `bench/<id>/bench.json`: what a bench runs, so `--resume <id>` needs nothing else. */
export const BenchPlanSchema = z.object({
  kind: z.literal('ndli-bench'),
  version: z.literal(1),
  id: z.string().regex(/^[A-Za-z0-9._-]+$/),
  models: z.array(z.string().min(1)).min(1),
  specs: z.array(z.string().min(1)).min(1),
  modes: z.array(RunModeSchema).min(1),
  trials: z.number().int().min(1),
  /** Trials run at once per server: what one server can serve in parallel. */
  concurrency: z.number().int().min(1),
  /** Servers to spread trials over; empty = the configured one. */
  baseUrls: z.array(z.string().url()),
  config: NdliConfigSchema,
  /** Redis URL of the BullMQ queue the trials run through; absent = run here. `--resume` re-attaches to it. */
  queue: z.string().optional(),
  /** Queued trials also ship Ralph's screenshots, traces and report (large). */
  evidence: z.boolean().optional(),
  createdAt: z.string(),
});
export type BenchPlan = z.infer<typeof BenchPlanSchema>;

export interface PlannedTrial {
  model: string;
  spec: string;
  mode: BenchPlan['modes'][number];
  trial: number;
}

/** Every trial of a plan, interleaved by trial number so a partial bench covers every group evenly. */
export function plannedTrials(plan: BenchPlan): PlannedTrial[] {
  const trials: PlannedTrial[] = [];
  for (let trial = 1; trial <= plan.trials; trial += 1) {
    for (const model of plan.models) for (const spec of plan.specs) for (const mode of plan.modes) trials.push({ model, spec, mode, trial });
  }
  return trials;
}

/** A file-system-safe run directory name for a trial, e.g. `lmstudio_qwen2.5-7b__calculator__ndli__t3`. */
export function trialDirectoryName(trial: PlannedTrial): string {
  const safe = (value: string) => value.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${safe(trial.model)}__${safe(trial.spec)}__${trial.mode}__t${trial.trial}`;
}

/** Results in the plan's order, whatever order they finished in (here or on many workers): reports compare line by line. */
export function inPlanOrder<T extends PlannedTrial>(plan: BenchPlan, results: readonly T[]): T[] {
  const position = new Map(plannedTrials(plan).map((trial, index) => [`${trial.model}|${trial.spec}|${trial.mode}|${trial.trial}`, index]));
  const rank = (trial: PlannedTrial) => position.get(`${trial.model}|${trial.spec}|${trial.mode}|${trial.trial}`) ?? Number.MAX_SAFE_INTEGER;
  return [...results].sort((a, b) => rank(a) - rank(b));
}
