import { z } from 'zod';
import { BenchPlanSchema, TrialSettingSchema, type BenchPlan, type PlannedTrial } from '../bench-plan.js';
import { TrialResultSchema, trialKey } from '../trial-result.js';
import { RunDirectoryFilesSchema } from './run-directory-files.js';

/** What a worker needs to run one trial exactly as a local bench does. */
export const TrialJobDataSchema = z.object({
  plan: BenchPlanSchema,
  trial: z.object({ model: z.string(), spec: z.string(), mode: BenchPlanSchema.shape.modes.element, trial: z.number().int().min(1), setting: TrialSettingSchema.optional() }),
  /** The server the coordinator assigned (plan.baseUrls, round robin); a worker's --base-url wins. */
  baseUrl: z.string().optional(),
  /** Ship Ralph's screenshots, traces and report too (large); otherwise only states, calls, artifacts, verdicts. */
  evidence: z.boolean(),
});
export type TrialJobData = z.infer<typeof TrialJobDataSchema>;

/** A finished job's return value: the trial's result line and its run directory's files. */
export const TrialJobReturnSchema = z.object({
  result: TrialResultSchema,
  files: RunDirectoryFilesSchema,
});
export type TrialJobReturn = z.infer<typeof TrialJobReturnSchema>;

/**
 * Job id = bench id + trial key, so enqueuing a trial twice is a no-op. BullMQ ids cannot contain
 * `:` (model strings can, `ollama/qwen2.5-coder:7b`): the key is URI-encoded.
 */
export function trialJobId(plan: Pick<BenchPlan, 'id'>, trial: PlannedTrial): string {
  return encodeURIComponent(`${plan.id}|${trialKey(trial)}`);
}
