import { ModelOutputError, LANGUAGE_MODEL_INTERFACE_VERSION, type GenerateObjectRequest, type GenerateObjectResult, type LanguageModel, type TokenUsage } from '@ndli/models';
import type { Tokens } from './run-metadata.js';

/** One call's identity while it is in flight: concurrent calls report progress apart. */
export type CallHandle = object;

export interface UsageListener {
  /** A call finished (answered, or answered with unusable output): the tokens it cost. */
  onCall(tokens: Tokens, call: CallHandle): void;
  /** A call in flight reported progress: completion tokens generated so far. */
  onProgress(completionTokens: number, call: CallHandle): void;
  /** The call is over, however it ended (its progress no longer counts as in flight). */
  onSettled?(call: CallHandle): void;
}

function tokensOf(usage: TokenUsage): Tokens {
  return { prompt: usage.promptTokens ?? 0, completion: usage.completionTokens ?? 0 };
}

/**
 * Wraps the run's model so the outer loop sees every call's cost as it happens, whatever phase made
 * it: the token budget is checked inside a round (and the call in flight aborted through the loop's
 * signal), and counters land in run_metadata.json call by call.
 */
export class MeteredModel implements LanguageModel {
  readonly interfaceVersion = LANGUAGE_MODEL_INTERFACE_VERSION;
  readonly provider: string;
  readonly modelId: string;
  readonly scripted: boolean;

  constructor(
    private readonly inner: LanguageModel,
    private readonly listener: UsageListener,
  ) {
    this.provider = inner.provider;
    this.modelId = inner.modelId;
    this.scripted = inner.scripted;
  }

  async generateObject<OUTPUT>(request: GenerateObjectRequest<OUTPUT>): Promise<GenerateObjectResult<OUTPUT>> {
    const onProgress = request.onProgress;
    const call: CallHandle = {};
    try {
      const result = await this.inner.generateObject({
        ...request,
        onProgress: (progress) => {
          this.listener.onProgress(progress.completionTokens, call);
          onProgress?.(progress);
        },
      });
      this.listener.onCall(tokensOf(result.usage), call);
      return result;
    } catch (error) {
      // Unusable output still cost its tokens.
      if (error instanceof ModelOutputError) this.listener.onCall(tokensOf(error.call.usage), call);
      throw error;
    } finally {
      this.listener.onSettled?.(call);
    }
  }
}
