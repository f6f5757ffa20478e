import pLimit, { type LimitFunction } from 'p-limit';
import { LANGUAGE_MODEL_INTERFACE_VERSION, ModelAbortedError, type GenerateObjectRequest, type GenerateObjectResult, type LanguageModel } from '@ndli/models';

/**
 * At most `concurrency` model calls in flight against the server (candidates and inner loops share it);
 * calls beyond it wait in order (p-limit's FIFO queue). A call whose signal is aborted while it waits
 * (a budget used up, Ctrl-C) never starts: budgets overshoot by the calls already in flight at most.
 * A server's 429/503 back-pressure is honoured below this, by the provider's retries with backoff.
 */
export class ConcurrencyLimitedModel implements LanguageModel {
  readonly interfaceVersion = LANGUAGE_MODEL_INTERFACE_VERSION;
  readonly provider: string;
  readonly modelId: string;
  readonly scripted: boolean;
  private readonly limit: LimitFunction;

  constructor(
    private readonly inner: LanguageModel,
    concurrency: number,
  ) {
    this.provider = inner.provider;
    this.modelId = inner.modelId;
    this.scripted = inner.scripted;
    this.limit = pLimit(Math.max(1, concurrency));
  }

  generateObject<OUTPUT>(request: GenerateObjectRequest<OUTPUT>): Promise<GenerateObjectResult<OUTPUT>> {
    return this.limit(() => {
      if (request.abortSignal?.aborted) throw new ModelAbortedError({ provider: this.provider, modelId: this.modelId });
      return this.inner.generateObject(request);
    });
  }
}
