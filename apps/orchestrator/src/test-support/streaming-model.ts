import { LANGUAGE_MODEL_INTERFACE_VERSION, ModelAbortedError, type GenerateObjectRequest, type GenerateObjectResult, type LanguageModel } from '@ndli/models';

/** A model that streams progress (10 completion tokens a tick) until its call is aborted. */
export class StreamingUntilAborted implements LanguageModel {
  readonly interfaceVersion = LANGUAGE_MODEL_INTERFACE_VERSION;
  readonly provider = 'mock';
  readonly modelId = 'streaming';
  readonly scripted = true;
  generateObject<OUTPUT>(input: GenerateObjectRequest<OUTPUT>): Promise<GenerateObjectResult<OUTPUT>> {
    return new Promise((_, reject) => {
      let tokens = 0;
      const timer = setInterval(() => {
        tokens += 10;
        input.onProgress?.({ completionTokens: tokens, elapsedMs: tokens });
      }, 1);
      input.abortSignal?.addEventListener('abort', () => {
        clearInterval(timer);
        reject(new ModelAbortedError({ provider: this.provider, modelId: this.modelId }));
      });
    });
  }
}
