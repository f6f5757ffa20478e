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
  /**
   * Bench dimensions of the run's settings: artifacts per round (`--candidates 1,4`) and model calls in flight
   * per trial (`--call-concurrency 1,4`). Absent: the config's, one setting (trials keep their old keys).
   */
  candidates: z.array(z.number().int().min(1)).min(1).optional(),
  callConcurrency: z.array(z.number().int().min(1)).min(1).optional(),
  /** Redis URL of the BullMQ queue the trials run through; absent = run here. `--resume` re-attaches to it. */
  queue: z.string().optional(),
  /** Queued trials also ship Ralph's screenshots, traces and report (large). */
  evidence: z.boolean().optional(),
  createdAt: z.string(),
});
export type BenchPlan = z.infer<typeof BenchPlanSchema>;

/** A trial's run settings when the bench varies them (see BenchPlan.candidates / callConcurrency). */
export const TrialSettingSchema = z.object({ candidates: z.number().int().min(1), concurrency: z.number().int().min(1) });
export type TrialSetting = z.infer<typeof TrialSettingSchema>;

export interface PlannedTrial {
  model: string;
  spec: string;
  mode: BenchPlan['modes'][number];
  trial: number;
  /** Present when the bench varies candidates or call concurrency. */
  setting?: TrialSetting | undefined;
}

/** The settings a plan varies over; [undefined] when it varies none (one group per model × spec × mode, as before). */
export function planSettings(plan: Pick<BenchPlan, 'candidates' | 'callConcurrency' | 'config'>): (TrialSetting | undefined)[] {
  if (plan.candidates === undefined && plan.callConcurrency === undefined) return [undefined];
  const settings: TrialSetting[] = [];
  for (const candidates of plan.candidates ?? [plan.config.candidates]) for (const concurrency of plan.callConcurrency ?? [plan.config.concurrency]) settings.push({ candidates, concurrency });
  return settings;
}

/** `4 candidates · 2 in flight`: how reports and keys name a setting. */
export function settingLabel(setting: TrialSetting | undefined): string {
  return setting === undefined ? '' : `${setting.candidates} candidate${setting.candidates === 1 ? '' : 's'} · ${setting.concurrency} in flight`;
}

/** Every trial of a plan, interleaved by trial number so a partial bench covers every group evenly. */
export function plannedTrials(plan: BenchPlan): PlannedTrial[] {
  const trials: PlannedTrial[] = [];
  const settings = planSettings(plan);
  for (let trial = 1; trial <= plan.trials; trial += 1) {
    for (const model of plan.models) {
      for (const spec of plan.specs) for (const mode of plan.modes) for (const setting of settings) trials.push({ model, spec, mode, trial, ...(setting ? { setting } : {}) });
    }
  }
  return trials;
}

/** A file-system-safe run directory name for a trial, e.g. `lmstudio_qwen2.5-7b__calculator__ndli__t3` (`__c4k2` with a setting). */
export function trialDirectoryName(trial: PlannedTrial): string {
  const safe = (value: string) => value.replace(/[^A-Za-z0-9._-]+/g, '_');
  const setting = trial.setting ? `__c${trial.setting.candidates}k${trial.setting.concurrency}` : '';
  return `${safe(trial.model)}__${safe(trial.spec)}__${trial.mode}${setting}__t${trial.trial}`;
}

/** Identity of a trial in a bench plan; a resumed bench skips keys already in results.jsonl. */
export function trialKey(trial: Pick<PlannedTrial, 'model' | 'spec' | 'mode' | 'trial' | 'setting'>): string {
  const setting = trial.setting ? `|c${trial.setting.candidates}k${trial.setting.concurrency}` : '';
  return `${trial.model}|${trial.spec}|${trial.mode}${setting}|${trial.trial}`;
}

/** Results in the plan's order, whatever order they finished in (here or on many workers): reports compare line by line. */
export function inPlanOrder<T extends PlannedTrial>(plan: BenchPlan, results: readonly T[]): T[] {
  const position = new Map(plannedTrials(plan).map((trial, index) => [trialKey(trial), index]));
  const rank = (trial: PlannedTrial) => position.get(trialKey(trial)) ?? Number.MAX_SAFE_INTEGER;
  return [...results].sort((a, b) => rank(a) - rank(b));
}
