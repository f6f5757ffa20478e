import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { APICallError } from 'ai';
import {
  LANGUAGE_MODEL_INTERFACE_VERSION,
  type CallRecord,
  type FinishReason,
  type GenerateObjectRequest,
  type GenerateObjectResult,
  type LanguageModel,
} from './language-model.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './request-timeout.js';
import { toOpenAICompatibleError } from './openai-compatible-errors.js';
import { parseModelOutput } from './parse-output.js';
import { modelIdsFromListBody, probeHttp } from './server-preflight.js';
import { isResponseFormatRejection, nextStructuredOutputMode, systemPromptFor, type StructuredOutputMode } from './structured-output-mode.js';

export interface OpenAICompatibleModelOptions {
  /** Up to and including `/v1`, e.g. `http://127.0.0.1:11434/v1`. */
  baseUrl: string;
  /**
   * Sent as a Bearer token when set; local servers ignore it. Default env OPENAI_COMPATIBLE_API_KEY —
   * deliberately not OPENAI_API_KEY, which would hand a real OpenAI key to whatever server is configured.
   */
  apiKey?: string;
  /** Per HTTP request. Default 10 minutes (a local model on CPU can be that slow). */
  timeoutMs?: number;
  /** Name in model strings and errors: `ollama`, `vllm`, … Default `openai-compatible`. */
  provider?: string;
  /** How to start this server, quoted when it cannot be reached. */
  startHint?: string;
}

type ChatModel = ReturnType<ReturnType<typeof createOpenAICompatible>['chatModel']>;
type GenerateResult = Awaited<ReturnType<ChatModel['doGenerate']>>;

/** Unified finish reasons of the AI SDK → ours; a missing raw reason means the server did not say. */
function mapFinishReason(finishReason: GenerateResult['finishReason']): FinishReason {
  if (finishReason.raw === undefined) return 'unknown';
  switch (finishReason.unified) {
    case 'stop':
    case 'length':
    case 'content-filter':
    case 'error':
      return finishReason.unified;
    default:
      return 'other';
  }
}

/**
 * Any server speaking the OpenAI chat completions API (Ollama, llama.cpp, vLLM, LM Studio's /v1).
 * Uses the AI SDK provider's `doGenerate` directly rather than `generateText`: it returns the raw
 * finish reason, usage and response model id, sends `json_schema` with `strict: true`, and does not
 * retry on its own (retries would hide a slow or broken server and double the cost).
 */
export class OpenAICompatibleModel implements LanguageModel {
  readonly interfaceVersion = LANGUAGE_MODEL_INTERFACE_VERSION;
  readonly scripted = false;
  readonly provider: string;
  readonly modelId: string;
  private readonly options: OpenAICompatibleModelOptions;
  private readonly chatModel: ChatModel;
  /** The strongest mode this server accepted; later calls start there instead of retrying again. */
  private mode: StructuredOutputMode = 'json_schema';

  constructor(modelId: string, options: OpenAICompatibleModelOptions) {
    this.modelId = modelId;
    this.options = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') };
    this.provider = options.provider ?? 'openai-compatible';
    const apiKey = options.apiKey ?? process.env['OPENAI_COMPATIBLE_API_KEY'];
    this.chatModel = createOpenAICompatible({
      name: this.provider,
      baseURL: this.options.baseUrl,
      ...(apiKey ? { apiKey } : {}),
      supportsStructuredOutputs: true,
    }).chatModel(modelId);
  }

  /** The mode the next call will use (exposed for diagnostics and tests). */
  get structuredOutputMode(): StructuredOutputMode {
    return this.mode;
  }

  async generateObject<OUTPUT>(request: GenerateObjectRequest<OUTPUT>): Promise<GenerateObjectResult<OUTPUT>> {
    for (;;) {
      try {
        const call = await this.callOnce(request, this.mode);
        return parseModelOutput(call, request.schema, this.provider);
      } catch (error) {
        const weaker = nextStructuredOutputMode(this.mode);
        if (weaker !== undefined && APICallError.isInstance(error) && isResponseFormatRejection(error.statusCode, error.responseBody)) {
          this.mode = weaker;
          continue;
        }
        throw error;
      }
    }
  }

  /** One HTTP request. Throws APICallError untouched only for a response-format rejection (the caller falls back). */
  private async callOnce(request: GenerateObjectRequest<unknown>, mode: StructuredOutputMode): Promise<CallRecord> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.abortSignal ? AbortSignal.any([request.abortSignal, timeout]) : timeout;
    const startedAt = performance.now();
    let result: GenerateResult;
    try {
      result = await this.chatModel.doGenerate({
        prompt: [
          { role: 'system', content: systemPromptFor(mode, request.system, request.jsonSchema) },
          { role: 'user', content: [{ type: 'text', text: request.prompt }] },
        ],
        maxOutputTokens: request.maxTokens,
        temperature: request.temperature,
        seed: request.seed,
        responseFormat:
          mode === 'json_schema' ? { type: 'json', schema: request.jsonSchema, name: request.schemaName } : mode === 'json_object' ? { type: 'json' } : undefined,
        abortSignal: signal,
      });
    } catch (error) {
      if (APICallError.isInstance(error) && isResponseFormatRejection(error.statusCode, error.responseBody) && nextStructuredOutputMode(mode) !== undefined) {
        throw error;
      }
      const callerAborted = request.abortSignal?.aborted === true;
      const availableModels = APICallError.isInstance(error) && error.statusCode === 404 ? await this.listModelIds() : undefined;
      throw toOpenAICompatibleError(error, {
        provider: this.provider,
        modelId: this.modelId,
        baseUrl: this.options.baseUrl,
        timeoutMs,
        timedOut: timeout.aborted && !callerAborted,
        callerAborted,
        startHint: this.options.startHint ?? 'start your OpenAI-compatible server',
        availableModels,
      });
    }
    const rawText = result.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
    return {
      rawText,
      usage: { promptTokens: result.usage.inputTokens.total, completionTokens: result.usage.outputTokens.total },
      timings: { totalMs: Math.round(performance.now() - startedAt), timeToFirstTokenMs: undefined },
      finishReason: mapFinishReason(result.finishReason),
      rawFinishReason: result.finishReason.raw,
      modelId: result.response?.modelId ?? this.modelId,
    };
  }

  /** For a ModelNotFoundError that says what is there instead; best effort, never throws. */
  private async listModelIds(): Promise<string[] | undefined> {
    const probe = await probeHttp(`${this.options.baseUrl}/models`, 2000);
    return probe.answered && probe.status === 200 ? modelIdsFromListBody(probe.body) : undefined;
  }
}
