import { z } from 'zod';

/** Lenient readers for a bench directory (`bench.json`, `results.jsonl`, `summary.json`): unknown fields are kept. */

export const BenchPlanSchema = z.looseObject({
  id: z.string().optional(),
  models: z.array(z.string()).default([]),
  specs: z.array(z.string()).default([]),
  modes: z.array(z.string()).default([]),
  trials: z.number().optional(),
  createdAt: z.string().optional(),
});
export type BenchPlan = z.infer<typeof BenchPlanSchema>;

/** A bench that varies `--candidates` / `--call-concurrency` gives each trial its setting; its groups are per setting too. */
export const TrialSettingSchema = z.looseObject({ candidates: z.number(), concurrency: z.number() });
export type TrialSetting = z.infer<typeof TrialSettingSchema>;

/** `4 candidates · 2 in flight`, as `ndli bench` labels a setting; empty without one. */
export function settingLabel(setting: TrialSetting | undefined): string {
  return setting === undefined ? '' : `${setting.candidates} candidate${setting.candidates === 1 ? '' : 's'} · ${setting.concurrency} in flight`;
}

export const TrialResultSchema = z.looseObject({
  model: z.string(),
  spec: z.string(),
  mode: z.string().default(''),
  trial: z.number(),
  setting: TrialSettingSchema.optional(),
  status: z.string().default('unknown'),
  endReason: z.string().default(''),
  rounds: z.array(z.looseObject({ round: z.number(), passed: z.number(), total: z.number(), heldOutPassed: z.number().optional(), heldOutTotal: z.number().optional() })).default([]),
  /** The best round: visible tests, and held-out tests when the spec holds some out. */
  best: z.looseObject({ passed: z.number(), total: z.number(), heldOutPassed: z.number().optional(), heldOutTotal: z.number().optional() }).optional(),
  tokens: z.looseObject({ prompt: z.number().default(0), completion: z.number().default(0) }).optional(),
  durationMs: z.number().default(0),
  errorCode: z.string().optional(),
  runDirectory: z.string().optional(),
  finishedAt: z.string().optional(),
});
export type TrialResult = z.infer<typeof TrialResultSchema>;

export const GroupSummarySchema = z.looseObject({
  model: z.string(),
  spec: z.string(),
  mode: z.string().default(''),
  setting: TrialSettingSchema.optional(),
  trials: z.number().default(0),
  passes: z.number().default(0),
  passAtK: z.array(z.number()).default([]),
  meanFractionPassed: z.number().optional(),
  passRateByRound: z.array(z.number()).default([]),
  tokensPerVerifiedPass: z.number().optional(),
  secondsPerVerifiedPass: z.number().optional(),
  failureCauses: z.record(z.string(), z.number()).optional(),
  /**
   * The spec holds tests out: over the `trials` that measured them, the mean share of held-out tests the best
   * round passed, the visible share over the same trials, their gap (visible − held-out) and the `overfit` trials.
   */
  heldOut: z
    .looseObject({
      trials: z.number().optional(),
      meanFractionPassed: z.number().optional(),
      visibleMeanFractionPassed: z.number().optional(),
      gap: z.number().optional(),
      overfit: z.number().optional(),
    })
    .optional(),
});
export type GroupSummary = z.infer<typeof GroupSummarySchema>;
