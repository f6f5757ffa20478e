import { ModelAbortedError } from '../errors.js';
import {
  LANGUAGE_MODEL_INTERFACE_VERSION,
  type CallRecord,
  type FinishReason,
  type GenerateObjectRequest,
  type GenerateObjectResult,
  type LanguageModel,
} from '../language-model.js';
import { parseModelOutput } from '../parse-output.js';

/** One scripted answer: raw text (valid or not), a full partial record, a function of the request, or an error to throw. */
export type ScriptedResponse =
  | string
  | { rawText: string; finishReason?: FinishReason; promptTokens?: number; completionTokens?: number; delayMs?: number }
  | ((request: GenerateObjectRequest<unknown>, callIndex: number) => string | Error)
  | Error;

export interface MockModelOptions {
  modelId?: string;
  /** Answers in call order. Running out throws, so a test notices an unexpected extra call. */
  responses: ScriptedResponse[];
}

/**
 * A scripted model for tests: no model is involved, answers are whatever the test says,
 * good or malformed, and go through the same parsing as a real provider's.
 */
export class MockModel implements LanguageModel {
  readonly interfaceVersion = LANGUAGE_MODEL_INTERFACE_VERSION;
  readonly provider = 'mock';
  readonly scripted = true;
  readonly modelId: string;
  /** Every request received, in order, for assertions on prompts and settings. */
  readonly requests: GenerateObjectRequest<unknown>[] = [];
  private readonly responses: ScriptedResponse[];

  constructor(options: MockModelOptions) {
    this.modelId = options.modelId ?? 'mock-model';
    this.responses = [...options.responses];
  }

  get remaining(): number {
    return this.responses.length - this.requests.length;
  }

  async generateObject<OUTPUT>(request: GenerateObjectRequest<OUTPUT>): Promise<GenerateObjectResult<OUTPUT>> {
    const index = this.requests.length;
    this.requests.push(request as GenerateObjectRequest<unknown>);
    if (request.abortSignal?.aborted) throw new ModelAbortedError({ provider: this.provider, modelId: this.modelId });
    const scripted = this.responses[index];
    if (scripted === undefined) {
      throw new Error(`MockModel: no scripted response for call #${index + 1} (schema ${request.schemaName}); the test scripted ${this.responses.length}.`);
    }
    const resolved = typeof scripted === 'function' ? scripted(request as GenerateObjectRequest<unknown>, index) : scripted;
    if (resolved instanceof Error) throw resolved;
    const entry = typeof resolved === 'string' ? { rawText: resolved } : resolved;
    if (entry.delayMs) await new Promise((resolve) => setTimeout(resolve, entry.delayMs));
    const call: CallRecord = {
      rawText: entry.rawText,
      usage: { promptTokens: entry.promptTokens ?? Math.ceil((request.system.length + request.prompt.length) / 4), completionTokens: entry.completionTokens ?? Math.ceil(entry.rawText.length / 4) },
      timings: { totalMs: entry.delayMs ?? 0, timeToFirstTokenMs: undefined },
      finishReason: entry.finishReason ?? 'stop',
      rawFinishReason: entry.finishReason ?? 'stop',
      modelId: this.modelId,
    };
    return parseModelOutput(call, request.schema, this.provider);
  }
}
