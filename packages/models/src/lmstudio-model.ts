import { Chat } from '@lmstudio/sdk';
import { LANGUAGE_MODEL_INTERFACE_VERSION, type GenerateObjectRequest, type GenerateObjectResult, type LanguageModel } from './language-model.js';
import { lmStudioCallRecord } from './lmstudio-call-record.js';
import { toLmStudioError } from './lmstudio-errors.js';
import { withLmStudioClient } from './lmstudio-session.js';
import { parseModelOutput } from './parse-output.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './request-timeout.js';

export interface LmStudioModelOptions {
  /** ws://, wss://, http:// or https://; default env LMSTUDIO_BASE_URL, else ws://127.0.0.1:1234. */
  baseUrl?: string;
  /** Whole call, including a just-in-time model load. Default 10 minutes. */
  timeoutMs?: number;
  /** Preflight and handshake. Default 3 s. */
  connectTimeoutMs?: number;
}

/**
 * LM Studio through its own SDK (the default provider). Every call gets a fresh client, model handle
 * and Chat, so no call sees another's messages and nothing stays open between calls.
 */
export class LmStudioModel implements LanguageModel {
  readonly interfaceVersion = LANGUAGE_MODEL_INTERFACE_VERSION;
  readonly provider = 'lmstudio';
  readonly scripted = false;
  readonly modelId: string;
  private readonly options: LmStudioModelOptions;

  constructor(modelId: string, options: LmStudioModelOptions = {}) {
    this.modelId = modelId;
    this.options = options;
  }

  async generateObject<OUTPUT>(request: GenerateObjectRequest<OUTPUT>): Promise<GenerateObjectResult<OUTPUT>> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.abortSignal ? AbortSignal.any([request.abortSignal, timeout]) : timeout;
    const context = () => ({
      modelId: this.modelId,
      timeoutMs,
      callerAborted: request.abortSignal?.aborted === true,
      timedOut: timeout.aborted && request.abortSignal?.aborted !== true,
    });
    if (request.abortSignal?.aborted) throw toLmStudioError(request.abortSignal.reason, context());

    const call = await withLmStudioClient({ baseUrl: this.options.baseUrl, connectTimeoutMs: this.options.connectTimeoutMs, modelId: this.modelId }, async (client) => {
      const startedAt = performance.now();
      try {
        // Seed is a load-time setting in SDK 1.5 (no per-prediction seed): it applies when this call loads the model.
        const model = await client.llm.model(this.modelId, {
          signal,
          verbose: false,
          ...(request.seed === undefined ? {} : { config: { seed: request.seed } }),
        });
        const chat = Chat.empty();
        chat.append('system', request.system);
        chat.append('user', request.prompt);
        const result = await model.respond(chat, {
          maxTokens: request.maxTokens,
          ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
          // The SDK bundles zod 3: a zod 4 schema would silently become `{}`. Plain JSON Schema works.
          structured: { type: 'json', jsonSchema: request.jsonSchema },
          signal,
        });
        // An aborted prediction may resolve (stopReason `userStopped`) instead of rejecting.
        if (signal.aborted) throw signal.reason;
        return lmStudioCallRecord(result, this.modelId, performance.now() - startedAt);
      } catch (error) {
        throw toLmStudioError(error, context());
      }
    }).catch((error: unknown) => {
      throw toLmStudioError(error, context());
    });
    return parseModelOutput(call, request.schema, this.provider);
  }
}
