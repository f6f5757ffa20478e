import { z } from 'zod';
import { RunModeSchema, RunStatusSchema } from '../run/run-metadata.js';
import { TrialSettingSchema } from './bench-plan.js';

/** One line of `bench/<id>/results.jsonl`: a finished trial (a full `ndli run`). */
export const TrialResultSchema = z.object({
  model: z.string(),
  spec: z.string(),
  mode: RunModeSchema,
  trial: z.number().int().min(1),
  /** The bench varied candidates / call concurrency: this trial's. */
  setting: TrialSettingSchema.optional(),
  status: RunStatusSchema,
  endReason: z.string(),
  /** Tests passed / total after each round, in order. */
  rounds: z.array(z.object({ round: z.number(), passed: z.number(), total: z.number(), heldOutPassed: z.number().optional(), heldOutTotal: z.number().optional() })),
  best: z.object({ passed: z.number(), total: z.number(), heldOutPassed: z.number().optional(), heldOutTotal: z.number().optional() }).optional().describe('The best round: visible tests, and held-out tests when the spec holds some out'),
  tokens: z.object({ prompt: z.number(), completion: z.number() }),
  durationMs: z.number(),
  schemaRetries: z.number().describe('Model calls retried because the output was malformed'),
  truncations: z.number(),
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
  /**
   * Set when the trial ended `error` for a cause outside the model: its server unreachable or failing
   * after retries, a judge that could not judge, a crash. Such a trial is not a model failure: it is
   * shown apart, left out of pass@k and rates, and run again by `--resume`.
   */
  errorCause: z.enum(['model-server', 'judge', 'crash']).optional(),
  runDirectory: z.string().describe('Relative to the bench directory'),
  finishedAt: z.string(),
});
export type TrialResult = z.infer<typeof TrialResultSchema>;

/** A trial that says nothing about the model: left out of the statistics, rerun on `--resume`. */
export function isInfrastructureError(result: Pick<TrialResult, 'status'>): boolean {
  return result.status === 'error';
}

export { trialKey } from './bench-plan.js';

/** The result of a trial that ended before its run could record anything (a crash, a failed queue job). */
export function unrecordedErrorResult(
  trial: { model: string; spec: string; mode: TrialResult['mode']; trial: number; setting?: TrialResult['setting'] },
  error: { code: string; message: string; cause: NonNullable<TrialResult['errorCause']>; runDirectory: string },
): TrialResult {
  return {
    ...trial,
    status: 'error',
    endReason: error.code,
    rounds: [],
    tokens: { prompt: 0, completion: 0 },
    durationMs: 0,
    schemaRetries: 0,
    truncations: 0,
    errorCode: error.code,
    errorMessage: error.message,
    errorCause: error.cause,
    runDirectory: error.runDirectory,
    finishedAt: new Date().toISOString(),
  };
}
