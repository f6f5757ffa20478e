import { startCallDeadlineFor, type CallDeadline } from '../../call-deadline.js';
import type { ModelError } from '../../errors.js';
import { GenerationMeter } from '../../generation-meter.js';
import {
  LANGUAGE_MODEL_INTERFACE_VERSION,
  type CallRecord,
  type GenerateObjectRequest,
  type GenerateObjectResult,
  type LanguageModel,
} from '../../language-model.js';
import { readOllamaStream, type OllamaAnswer } from './ollama-chat-stream.js';
import { ollamaApiRoot, ollamaContextSize } from './ollama-context.js';
import { generateWithRetries } from '../../retried-generation.js';
import { brokenOffError, commonServerError, httpStatusError, type ServerErrorContext } from '../../server-errors.js';
import { listedModelIds } from '../../server-preflight.js';
import { systemPromptFor } from '../../structured-output-mode.js';
import type { TransportRetryOptions } from '../../transport-retry.js';

export interface OllamaChatModelOptions extends TransportRetryOptions {
  /** The preset's `http://127.0.0.1:11434/v1` or the bare `http://127.0.0.1:11434`; `/api/chat` is called on the root. */
  baseUrl: string;
  /** Total time of one request. Default 30 minutes. */
  timeoutMs?: number;
  /** A streamed answer that sends nothing for this long (after its first chunk) fails. Default 120 s. */
  idleTimeoutMs?: number;
  startHint?: string;
}

/** Thrown inside one request for an HTTP status, so the error mapping sees status, body and headers together. */
class OllamaStatusFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly headers: Record<string, string>,
  ) {
    super(`HTTP ${status}`);
  }
}

/** Older Ollama builds take only `format: "json"`, not a schema: their 400 names the format. */
function isFormatRejection(failure: unknown): boolean {
  return failure instanceof OllamaStatusFailure && failure.status === 400 && /format/i.test(failure.body);
}

/**
 * Ollama through its native `/api/chat` rather than `/v1`: only the native API takes
 * `options.num_ctx`, and without it Ollama cuts prompts longer than its default context from the
 * front, silently (ollama #3839). The JSON schema goes in `format`; `think` is left to the model's
 * default, because `think: false` has silently dropped `format` for some model families
 * (ollama #14645); the thinking arrives apart in `message.thinking` and is kept as reasoning.
 */
export class OllamaChatModel implements LanguageModel {
  readonly interfaceVersion = LANGUAGE_MODEL_INTERFACE_VERSION;
  readonly provider = 'ollama';
  readonly scripted = false;
  readonly modelId: string;
  private readonly options: OllamaChatModelOptions;
  private readonly apiRoot: string;
  private serverSeen = false;
  /** False once the server refused a schema in `format` (then: `format: "json"` and the schema in the prompt). */
  private schemaFormat = true;

  constructor(modelId: string, options: OllamaChatModelOptions) {
    this.modelId = modelId;
    this.options = options;
    this.apiRoot = ollamaApiRoot(options.baseUrl);
  }

  generateObject<OUTPUT>(request: GenerateObjectRequest<OUTPUT>): Promise<GenerateObjectResult<OUTPUT>> {
    return generateWithRetries(request, () => this.answer(request), {
      provider: this.provider,
      modelId: this.modelId,
      retry: this.options,
      serverSeen: () => this.serverSeen,
    });
  }

  private async answer(request: GenerateObjectRequest<unknown>): Promise<CallRecord> {
    for (;;) {
      const deadline = startCallDeadlineFor(request.abortSignal, this.options);
      const startedAt = performance.now();
      try {
        const answer = await this.requestOnce(request, deadline);
        return this.callRecord(answer, performance.now() - startedAt);
      } catch (error) {
        if (this.schemaFormat && isFormatRejection(error)) {
          this.schemaFormat = false;
          continue;
        }
        throw await this.mapError(error, deadline);
      } finally {
        deadline.dispose();
      }
    }
  }

  /** The `/api/chat` body: schema in `format`, context sized to the prompt plus the answer. */
  chatBody(request: GenerateObjectRequest<unknown>): Record<string, unknown> {
    const options: Record<string, unknown> = { num_ctx: ollamaContextSize(request), num_predict: request.maxTokens };
    if (request.temperature !== undefined) options['temperature'] = request.temperature;
    if (request.seed !== undefined) options['seed'] = request.seed;
    return {
      model: this.modelId,
      messages: [
        { role: 'system', content: systemPromptFor(this.schemaFormat ? 'json_schema' : 'json_object', request.system, request.jsonSchema) },
        { role: 'user', content: request.prompt },
      ],
      stream: true,
      format: this.schemaFormat ? request.jsonSchema : 'json',
      options,
    };
  }

  private async requestOnce(request: GenerateObjectRequest<unknown>, deadline: CallDeadline): Promise<OllamaAnswer> {
    // Loading a model and reading a long prompt send nothing: the idle clock starts at the first chunk.
    deadline.pauseIdle();
    const response = await fetch(`${this.apiRoot}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' },
      body: JSON.stringify(this.chatBody(request)),
      signal: deadline.signal,
    });
    this.serverSeen = true;
    if (!response.ok || response.body === null) {
      const body = await response.text().catch(() => '');
      const retryAfter = response.headers.get('retry-after');
      throw new OllamaStatusFailure(response.status, body, retryAfter === null ? {} : { 'retry-after': retryAfter });
    }
    return readOllamaStream(response.body, deadline, new GenerationMeter(request.onProgress));
  }

  private callRecord(answer: OllamaAnswer, totalMs: number): CallRecord {
    const record: CallRecord = {
      rawText: answer.text,
      usage: { promptTokens: answer.promptTokens, completionTokens: answer.completionTokens },
      timings: {
        totalMs: Math.round(totalMs),
        timeToFirstTokenMs: answer.timeToFirstTokenMs,
        ...(answer.tokensPerSecond === undefined ? {} : { tokensPerSecond: answer.tokensPerSecond }),
      },
      finishReason: answer.finishReason,
      rawFinishReason: answer.rawFinishReason,
      modelId: answer.modelId ?? this.modelId,
    };
    if (answer.thinking !== '') record.reasoning = answer.thinking;
    return record;
  }

  private async mapError(error: unknown, deadline: CallDeadline): Promise<ModelError> {
    const reason = deadline.reason();
    const context: ServerErrorContext = {
      provider: this.provider,
      modelId: this.modelId,
      baseUrl: this.apiRoot,
      timeout: reason === 'idle' || reason === 'total' ? { kind: reason, limitMs: deadline.limitMs() ?? 0 } : undefined,
      callerAborted: reason === 'caller',
      startHint: this.options.startHint ?? '`ollama serve`',
    };
    const common = commonServerError(error, context);
    if (common !== undefined) return common;
    if (!(error instanceof OllamaStatusFailure)) return brokenOffError(error, context);
    const availableModels = error.status === 404 ? await listedModelIds(`${this.apiRoot}/v1/models`) : undefined;
    return httpStatusError({ status: error.status, body: error.body, headers: error.headers, cause: error }, { ...context, availableModels }, {
      modelNotFound: `Pull it first: \`ollama pull ${this.modelId}\`.`,
      wrongUrl: 'Is this an Ollama server? Its native API answers on /api/chat.',
    });
  }
}
