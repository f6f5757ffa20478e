import { LatentError } from '@ndli/latent-core';
import { isInfrastructureModelError, isModelError } from '@ndli/models';
import type { VerdictOutcome } from '@ndli/ralph';
import type { RunStatus } from '../run/run-metadata.js';
import type { TrialResult } from './trial-result.js';

export type ErrorCause = NonNullable<TrialResult['errorCause']>;

export interface TrialEnd {
  runStatus: RunStatus;
  /** What ended the run with `error` (the live error object), if anything. */
  error: unknown;
  /** What Ralph's last saved verdict of the run means, if a round was judged. */
  lastVerdict: VerdictOutcome | undefined;
}

/**
 * Whether a trial's end lies outside the model, and where. A model that never gave a usable answer
 * (invalid JSON, schema mismatch, truncated by its token limit, every retry spent) or whose replay ran
 * out failed on its own: undefined, the trial counts. Outside the model: the server unreachable or
 * failing after its retries; a judge that could not judge the app; anything else that threw (a crash
 * of the harness, not an answer of the model).
 */
export function errorCause(end: TrialEnd): ErrorCause | undefined {
  if (end.runStatus === 'error') {
    if (isModelError(end.error)) return isInfrastructureModelError(end.error) ? 'model-server' : undefined;
    if (end.error instanceof LatentError && end.error.code === 'PHASE_OUTPUT_INVALID') return undefined;
    return end.lastVerdict === 'judge-error' ? 'judge' : 'crash';
  }
  // Nothing failed but not everything was judged: neither a pass nor the model's failure.
  if (end.runStatus !== 'passed' && end.lastVerdict === 'judge-error') return 'judge';
  return undefined;
}
