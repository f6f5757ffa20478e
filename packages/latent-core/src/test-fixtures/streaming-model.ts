import { LANGUAGE_MODEL_INTERFACE_VERSION, isModelError, type GenerateObjectRequest, type GenerateObjectResult, type LanguageModel, type ServerAttempt } from '@ndli/models';
import { MockModel, type ScriptedResponse } from '@ndli/models/testing';

/** A SCRIPTED answer plus what a streaming provider adds: reasoning, retried server faults, progress ticks. */
export interface StreamedAnswer {
  response: ScriptedResponse;
  reasoning?: string;
  serverAttempts?: readonly ServerAttempt[];
  /** Completion tokens reported as progress before the answer resolves. */
  ticks?: readonly number[];
}

/** Wraps MockModel (the scripted answers) in the extras a real streaming provider reports. */
export class StreamingScriptedModel implements LanguageModel {
  readonly interfaceVersion = LANGUAGE_MODEL_INTERFACE_VERSION;
  readonly provider = 'mock';
  readonly scripted = true;
  readonly modelId = 'scripted-streaming';
  private readonly inner: MockModel;
  private readonly answers: readonly StreamedAnswer[];
  private index = 0;

  constructor(answers: readonly StreamedAnswer[]) {
    this.answers = answers;
    this.inner = new MockModel({ modelId: this.modelId, responses: answers.map((answer) => answer.response) });
  }

  get requests(): readonly GenerateObjectRequest<unknown>[] {
    return this.inner.requests;
  }

  async generateObject<OUTPUT>(request: GenerateObjectRequest<OUTPUT>): Promise<GenerateObjectResult<OUTPUT>> {
    const answer = this.answers[this.index];
    this.index += 1;
    for (const [tick, completionTokens] of (answer?.ticks ?? []).entries()) {
      request.onProgress?.({ completionTokens, elapsedMs: (tick + 1) * 100, tokensPerSecond: 40, ...(tick === 0 ? { reasoningTokens: completionTokens } : {}) });
    }
    const result = await this.inner.generateObject(request).catch((error: unknown) => {
      // A bad answer after retried server faults: the provider's error carries them too.
      if (isModelError(error) && answer?.serverAttempts) error.serverAttempts = answer.serverAttempts;
      throw error;
    });
    return { ...result, ...(answer?.reasoning ? { reasoning: answer.reasoning } : {}), ...(answer?.serverAttempts ? { serverAttempts: answer.serverAttempts } : {}) };
  }
}
