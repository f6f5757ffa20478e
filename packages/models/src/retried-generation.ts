import { ModelOutputError } from './errors.js';
import type { CallRecord, GenerateObjectRequest, GenerateObjectResult } from './language-model.js';
import { parseModelOutput } from './parse-output.js';
import { withTransportRetry, type TransportRetryOptions } from './transport-retry.js';

export interface RetriedGenerationContext {
  provider: string;
  modelId: string;
  retry: TransportRetryOptions;
  serverSeen: () => boolean;
  /** For tests: the retry jitter source. */
  random?: () => number;
}

/**
 * The shared shape of every provider's `generateObject` (LM Studio, OpenAI-compatible, Ollama, local): one answer with transient faults retried,
 * then parsed. The failed attempts go into the call record and onto a ModelOutputError, so a bad
 * answer after a retried 500 still shows what the server did.
 */
export async function generateWithRetries<OUTPUT>(
  request: GenerateObjectRequest<OUTPUT>,
  answer: () => Promise<CallRecord>,
  context: RetriedGenerationContext,
): Promise<GenerateObjectResult<OUTPUT>> {
  const { value: call, serverAttempts } = await withTransportRetry(answer, {
    provider: context.provider,
    modelId: context.modelId,
    abortSignal: request.abortSignal,
    maxRetries: context.retry.maxRetries,
    maxRetryWaitMs: context.retry.maxRetryWaitMs,
    retryBaseDelayMs: context.retry.retryBaseDelayMs,
    serverSeen: context.serverSeen,
    ...(context.random === undefined ? {} : { random: context.random }),
  });
  const recorded: CallRecord = serverAttempts.length > 0 ? { ...call, serverAttempts } : call;
  try {
    return parseModelOutput(recorded, request.schema, context.provider);
  } catch (error) {
    if (error instanceof ModelOutputError) error.serverAttempts = serverAttempts;
    throw error;
  }
}
