import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { APICallError } from 'ai';
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
import { answerFromGenerateResult, callRecordFromAnswer, type ChatAnswer, type ChatModel } from './openai-compatible-call-record.js';
import { toOpenAICompatibleError } from './openai-compatible-errors.js';
import { capabilitiesAfterRefusal, type ServerCapabilities, type ServerRefusal } from './openai-compatible-fallback.js';
import { readChatStream, streamContentKind } from './openai-compatible-stream.js';
import { acceptPlainAnswers } from './plain-answer-as-event-stream.js';
import { StreamInterruptedError } from '../../stream-interrupted-error.js';
import { generateWithRetries } from '../../retried-generation.js';
import { listedModelIds } from '../../server-preflight.js';
import { systemPromptFor } from '../../structured-output-mode.js';
import type { StructuredOutputMode } from '../../structured-output-mode.js';
import type { TransportRetryOptions } from '../../transport-retry.js';

export interface OpenAICompatibleModelOptions extends TransportRetryOptions {
  /** Up to and including `/v1`, e.g. `http://127.0.0.1:11434/v1`. */
  baseUrl: string;
  /**
   * Sent as a Bearer token when set; local servers ignore it. Default env OPENAI_COMPATIBLE_API_KEY —
   * deliberately not OPENAI_API_KEY, which would hand a real OpenAI key to whatever server is configured.
   */
  apiKey?: string;
  /** Total time of one HTTP request, the last resort. Default 30 minutes. */
  timeoutMs?: number;
  /** A streamed answer that sends nothing for this long is given up. Default 120 s. */
  idleTimeoutMs?: number;
  /** Stream answers (default true); false sends plain requests only. */
  stream?: boolean;
  /** Name in model strings and errors: `ollama`, `vllm`, … Default `openai-compatible`. */
  provider?: string;
  /** How to start this server, quoted when it cannot be reached. */
  startHint?: string;
}

/** One request's outcome: an answer, or a refusal that a fallback may get around. */
type RequestOutcome = { kind: 'answer'; call: CallRecord } | { kind: 'refused'; refusal: ServerRefusal; error: unknown };

/**
 * Any server speaking the OpenAI chat completions API (Ollama, llama.cpp, vLLM, LM Studio's /v1).
 * Uses the AI SDK provider's `doStream` / `doGenerate` directly rather than `streamText`: they return
 * the raw finish reason, usage and response model id, send `json_schema` with `strict: true`, and do
 * not retry on their own — transient faults are retried here (transport-retry.ts), bounded and
 * recorded, apart from the inner loop's output retries.
 */
export class OpenAICompatibleModel implements LanguageModel {
  readonly interfaceVersion = LANGUAGE_MODEL_INTERFACE_VERSION;
  readonly scripted = false;
  readonly provider: string;
  readonly modelId: string;
  private readonly options: OpenAICompatibleModelOptions;
  private readonly chatModel: ChatModel;
  /** The strongest mode and the streaming this server accepted; later calls start there. */
  private capabilities: ServerCapabilities;
  /** Once the server has answered, a refused connection is a restart mid-run (retried), not "start your server". */
  private serverSeen = false;

  constructor(modelId: string, options: OpenAICompatibleModelOptions) {
    this.modelId = modelId;
    this.options = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') };
    this.provider = options.provider ?? 'openai-compatible';
    this.capabilities = { mode: 'json_schema', streaming: options.stream ?? true };
    const apiKey = options.apiKey ?? process.env['OPENAI_COMPATIBLE_API_KEY'];
    this.chatModel = createOpenAICompatible({
      name: this.provider,
      baseURL: this.options.baseUrl,
      ...(apiKey ? { apiKey } : {}),
      supportsStructuredOutputs: true,
      // Usage in the last stream chunk; a server that rejects `stream_options` falls back to plain requests.
      includeUsage: true,
      // A server that ignores `stream: true`: its plain answer is used (not asked for again), and later calls are plain.
      fetch: acceptPlainAnswers(() => {
        this.capabilities = { ...this.capabilities, streaming: false };
      }),
    }).chatModel(modelId);
  }

  /** The mode the next call will use (exposed for diagnostics and tests). */
  get structuredOutputMode(): StructuredOutputMode {
    return this.capabilities.mode;
  }

  /** Whether the next call streams (false once the server refused streaming). */
  get streaming(): boolean {
    return this.capabilities.streaming;
  }

  generateObject<OUTPUT>(request: GenerateObjectRequest<OUTPUT>): Promise<GenerateObjectResult<OUTPUT>> {
    return generateWithRetries(request, () => this.answer(request), {
      provider: this.provider,
      modelId: this.modelId,
      retry: this.options,
      serverSeen: () => this.serverSeen,
    });
  }

  /** One answer, after whatever fallbacks the server needs (each learned once). Throws a ModelError. */
  private async answer(request: GenerateObjectRequest<unknown>): Promise<CallRecord> {
    for (;;) {
      const outcome = await this.requestOnce(request, this.capabilities);
      if (outcome.kind === 'answer') return outcome.call;
      const next = capabilitiesAfterRefusal(this.capabilities, outcome.refusal);
      if (next === undefined) throw outcome.error;
      this.capabilities = next;
    }
  }

  private async requestOnce(request: GenerateObjectRequest<unknown>, capabilities: ServerCapabilities): Promise<RequestOutcome> {
    const deadline = startCallDeadlineFor(request.abortSignal, this.options);
    const startedAt = performance.now();
    try {
      const answer = capabilities.streaming ? await this.streamAnswer(request, capabilities.mode, deadline) : await this.plainAnswer(request, capabilities.mode, deadline);
      if (answer === 'not-an-event-stream') return { kind: 'refused', refusal: { kind: 'not-an-event-stream' }, error: undefined };
      return { kind: 'answer', call: callRecordFromAnswer(answer, this.modelId, performance.now() - startedAt) };
    } catch (error) {
      if (APICallError.isInstance(error) && error.statusCode !== undefined) this.serverSeen = true;
      const mapped = await this.mapError(error, deadline);
      if (APICallError.isInstance(error) && deadline.reason() === undefined) {
        return { kind: 'refused', refusal: { kind: 'http', status: error.statusCode, body: error.responseBody }, error: mapped };
      }
      throw mapped;
    } finally {
      deadline.dispose();
    }
  }

  private callOptions(request: GenerateObjectRequest<unknown>, mode: StructuredOutputMode, signal: AbortSignal): Parameters<ChatModel['doGenerate']>[0] {
    return {
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
    };
  }

  private async streamAnswer(request: GenerateObjectRequest<unknown>, mode: StructuredOutputMode, deadline: CallDeadline): Promise<ChatAnswer | 'not-an-event-stream'> {
    // Prompt processing sends nothing and can take minutes on a local machine: the idle clock starts at the first chunk.
    deadline.pauseIdle();
    const result = await this.chatModel.doStream(this.callOptions(request, mode, deadline.signal));
    this.serverSeen = true;
    const kind = streamContentKind(result.response?.headers);
    if (kind !== 'event-stream') {
      await result.stream.cancel().catch(() => undefined);
      if (kind === 'json') return 'not-an-event-stream';
      throw new StreamInterruptedError(`was ${result.response?.headers?.['content-type'] ?? 'of no content type'}, not an event stream`, '');
    }
    return readChatStream(result, deadline, new GenerationMeter(request.onProgress));
  }

  private async plainAnswer(request: GenerateObjectRequest<unknown>, mode: StructuredOutputMode, deadline: CallDeadline): Promise<ChatAnswer> {
    // Nothing arrives before the whole answer: only the total timeout applies.
    deadline.pauseIdle();
    const result = await this.chatModel.doGenerate(this.callOptions(request, mode, deadline.signal));
    this.serverSeen = true;
    return answerFromGenerateResult(result);
  }

  private async mapError(error: unknown, deadline: CallDeadline): Promise<ModelError> {
    const reason = deadline.reason();
    const availableModels = APICallError.isInstance(error) && error.statusCode === 404 ? await listedModelIds(`${this.options.baseUrl}/models`) : undefined;
    return toOpenAICompatibleError(error, {
      provider: this.provider,
      modelId: this.modelId,
      baseUrl: this.options.baseUrl,
      timeout: reason === 'idle' || reason === 'total' ? { kind: reason, limitMs: deadline.limitMs() ?? 0 } : undefined,
      callerAborted: reason === 'caller',
      startHint: this.options.startHint ?? 'start your OpenAI-compatible server',
      availableModels,
    });
  }

}
