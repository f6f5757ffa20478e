import { availableParallelism } from 'node:os';
import type { ChatHistoryItem, ChatWrapper, LlamaGrammar, LlamaModel } from 'node-llama-cpp';
import { startCallDeadlineFor, type CallDeadline } from '../../call-deadline.js';
import { ModelContextExceededError } from '../../context-exceeded.js';
import { ModelAbortedError, ModelError, ModelFileError, ModelNotDownloadedError, ModelTimeoutError } from '../../errors.js';
import { GenerationMeter } from '../../generation-meter.js';
import {
  LANGUAGE_MODEL_INTERFACE_VERSION,
  type CallRecord,
  type FinishReason,
  type GenerateObjectRequest,
  type GenerateObjectResult,
  type JsonSchema,
  type LanguageModel,
} from '../../language-model.js';
import { generateWithRetries } from '../../retried-generation.js';
import { systemPromptFor } from '../../structured-output-mode.js';
import { checkGgufFile } from './gguf-file-check.js';
import { generateAnswer, type LocalAnswer } from './local-generation.js';
import { loadedModel, llamaBackend, type LlamaBackend } from './llama-runtime.js';
import { resolveLocalModel, type LocalModelSource } from './local-model-source.js';

export interface LocalModelOptions {
  /** Where aliases and `hf:` URIs are looked up (default: see models-directory.ts). */
  modelsDirectory?: string;
  /** CPU threads for generation. Default: NDLI_LOCAL_THREADS, else the machine's available cores (more only contend with each other). */
  threads?: number;
  /** A call that produces no token for this long fails (after its prompt is read). Default 120 s. */
  idleTimeoutMs?: number;
  /** Total time of one call. Default 30 minutes. */
  timeoutMs?: number;
  /** Reasoning models: tokens the thinking may use before it is closed and the answer begins. Default: the call's maxTokens. */
  maxThoughtTokens?: number;
  /** The prompt format, for a model whose chat template node-llama-cpp does not recognise. Default: resolved from the template. */
  chatWrapper?: ChatWrapper;
  /** False samples without the schema's grammar (an ablation, and the bench's baseline). Default true. */
  constrain?: boolean;
  /** Told once, when the model is loaded: the console line naming the file, the time and the hardware. */
  onLoaded?: (loaded: LocalModelLoaded) => void;
}

export interface LocalModelLoaded {
  path: string;
  loadMs: number;
  backend: LlamaBackend;
  /** Layers offloaded to the GPU (0 on CPU). */
  gpuLayers: number;
  threads: number;
}

/**
 * `local/<model>`: llama.cpp in-process through node-llama-cpp, no server. The JSON schema is
 * compiled to a grammar that constrains sampling token by token, so the answer is valid JSON of that
 * shape unless the token limit cuts it (then `MODEL_OUTPUT_TRUNCATED`); the zod validation still runs
 * after, for what the grammar cannot express. Every call gets a fresh context and chat (the seed's
 * rule: nothing carries over); the model stays loaded across calls.
 */
/** Compiled grammars kept per model, the least recently used dropped first (see grammarFor). */
const GRAMMAR_CACHE_SIZE = 8;

export class LocalModel implements LanguageModel {
  readonly interfaceVersion = LANGUAGE_MODEL_INTERFACE_VERSION;
  readonly provider = 'local';
  readonly scripted = false;
  readonly modelId: string;
  readonly source: LocalModelSource;
  private readonly options: LocalModelOptions;
  private readonly grammars = new Map<string, Promise<LlamaGrammar | undefined>>();

  constructor(modelId: string, options: LocalModelOptions = {}) {
    this.modelId = modelId;
    this.options = options;
    this.source = resolveLocalModel(modelId, options.modelsDirectory);
  }

  get threads(): number {
    return this.options.threads ?? defaultLocalThreads();
  }

  generateObject<OUTPUT>(request: GenerateObjectRequest<OUTPUT>): Promise<GenerateObjectResult<OUTPUT>> {
    // No transport to retry: the shared path still parses and records the answer the same way as for servers.
    return generateWithRetries(request, () => this.answer(request), {
      provider: this.provider,
      modelId: this.modelId,
      retry: { maxRetries: 0 },
      serverSeen: () => true,
    });
  }

  /** Loads the model (once per process) and checks it has a chat template. */
  async load(): Promise<LlamaModel> {
    const context = { provider: this.provider, modelId: this.modelId };
    return loadedModel(this.source.path, async (llama) => {
      const facts = await checkGgufFile(this.source.path, context).catch((error: unknown) => {
        if (this.source.download !== undefined && (error as ModelFileError).message.includes('cannot be read')) {
          throw new ModelNotDownloadedError({ ...context, path: this.source.path, pullCommand: `ndli models pull ${this.source.name}` });
        }
        throw error;
      });
      if (facts.chatTemplate === undefined || facts.chatTemplate.trim() === '') {
        throw new ModelFileError({
          ...context,
          path: this.source.path,
          message: `${this.source.path} has no chat template (tokenizer.chat_template): it is a base model, or its converter left the template out.`,
          hint: 'Use an instruct/chat model (e.g. `ndli models pull qwen2.5-coder-1.5b`): without a template the prompt format would be a guess.',
        });
      }
      const startedAt = performance.now();
      const model = await llama.loadModel({ modelPath: this.source.path }).catch((error: unknown) => {
        throw new ModelFileError({
          ...context,
          path: this.source.path,
          message: `llama.cpp could not load ${this.source.path}: ${error instanceof Error ? error.message : String(error)}.`,
          hint: 'The file may be corrupt (download it again), too large for this machine, or of an architecture this llama.cpp build does not know.',
          cause: error,
        });
      });
      this.options.onLoaded?.({ path: this.source.path, loadMs: Math.round(performance.now() - startedAt), backend: await llamaBackend(), gpuLayers: model.gpuLayers, threads: this.threads });
      return model;
    });
  }

  private async answer(request: GenerateObjectRequest<unknown>): Promise<CallRecord> {
    const model = await this.load();
    const deadline = startCallDeadlineFor(request.abortSignal, this.options);
    const startedAt = performance.now();
    try {
      const grammar = this.options.constrain === false ? { grammar: undefined } : await this.grammarFor(model, request.jsonSchema);
      // The model never sees the grammar: the prompt still has to describe the shape it is held to.
      const history: ChatHistoryItem[] = [
        { type: 'system', text: systemPromptFor('prompt', request.system, request.jsonSchema) },
        { type: 'user', text: request.prompt },
      ];
      const answer = await generateAnswer(model, history, {
        maxTokens: request.maxTokens,
        temperature: request.temperature,
        seed: request.seed,
        grammar: grammar.grammar,
        threads: this.threads,
        ...(this.options.chatWrapper === undefined ? {} : { chatWrapper: this.options.chatWrapper }),
        ...(this.options.maxThoughtTokens === undefined ? {} : { maxThoughtTokens: this.options.maxThoughtTokens }),
        deadline,
        meter: new GenerationMeter(request.onProgress),
        contextExceeded: (promptTokens, contextLength) =>
          new ModelContextExceededError({ provider: this.provider, modelId: this.modelId, promptTokens, maxTokens: request.maxTokens, contextLength }),
      });
      return this.callRecord(answer, performance.now() - startedAt, grammar.warning);
    } catch (error) {
      throw this.mapError(error, deadline);
    } finally {
      deadline.dispose();
    }
  }

  /**
   * The schema's grammar, compiled once per schema. A schema the grammar compiler refuses is not fatal:
   * the call runs unconstrained (the prompt still states the schema) and the record says so.
   */
  private async grammarFor(model: LlamaModel, jsonSchema: JsonSchema): Promise<{ grammar: LlamaGrammar | undefined; warning?: string }> {
    const key = JSON.stringify(jsonSchema);
    let compiled = this.grammars.get(key);
    if (compiled === undefined) {
      compiled = model.llama.createGrammarForJsonSchema(grammarSchema(jsonSchema) as never).then(
        (grammar) => grammar,
        () => undefined,
      );
      // latent-core builds REFINE's schema from the open tasks, so a long run asks for a new one most rounds: keep the
      // recently used few (the fixed INIT and GENERATE schemas, a round's retries) rather than every one ever compiled.
      if (this.grammars.size >= GRAMMAR_CACHE_SIZE) this.grammars.delete(this.grammars.keys().next().value as string);
    } else {
      // Least recently used out first: a hit moves to the end of the map's order.
      this.grammars.delete(key);
    }
    this.grammars.set(key, compiled);
    const grammar = await compiled;
    return grammar === undefined ? { grammar, warning: 'The JSON schema could not be compiled to a grammar; the answer was sampled unconstrained.' } : { grammar };
  }

  private callRecord(answer: LocalAnswer, totalMs: number, warning: string | undefined): CallRecord {
    const record: CallRecord = {
      rawText: answer.text,
      usage: {
        promptTokens: answer.promptTokens,
        completionTokens: answer.completionTokens,
        ...(answer.reasoningTokens > 0 ? { reasoningTokens: answer.reasoningTokens } : {}),
      },
      timings: {
        totalMs: Math.round(totalMs),
        timeToFirstTokenMs: answer.figures.timeToFirstTokenMs,
        ...(answer.figures.tokensPerSecond === undefined ? {} : { tokensPerSecond: answer.figures.tokensPerSecond }),
      },
      finishReason: finishReasonOf(answer.stopReason),
      rawFinishReason: answer.stopReason,
      modelId: this.modelId,
    };
    if (answer.reasoning !== '') record.reasoning = answer.reasoning;
    if (warning !== undefined) record.warnings = [warning];
    return record;
  }

  private mapError(error: unknown, deadline: CallDeadline): ModelError {
    const context = { provider: this.provider, modelId: this.modelId };
    const reason = deadline.reason();
    if (reason === 'caller') return new ModelAbortedError({ ...context, cause: error });
    if (reason === 'idle' || reason === 'total') return new ModelTimeoutError({ ...context, timeoutMs: deadline.limitMs() ?? 0, kind: reason, cause: error });
    if (ModelError.isInstance(error)) return error;
    return new ModelError('MODEL_FILE_INVALID', `llama.cpp failed while generating: ${error instanceof Error ? error.message : String(error)}`, {
      ...context,
      hint: 'Out of memory is the usual cause: lower maxTokens or use a smaller model.',
      cause: error,
    });
  }
}

/** NDLI_LOCAL_THREADS, else the machine's available cores: more threads than cores only wait for each other. */
export function defaultLocalThreads(environment: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(environment['NDLI_LOCAL_THREADS']);
  return Number.isInteger(configured) && configured > 0 ? configured : Math.max(1, availableParallelism());
}

/** `eogToken`/`stopGenerationTrigger`: the model or the grammar ended the answer; `maxTokens`: cut. */
function finishReasonOf(stopReason: string): FinishReason {
  if (stopReason === 'maxTokens') return 'length';
  if (stopReason === 'eogToken' || stopReason === 'stopGenerationTrigger' || stopReason === 'customStopTrigger') return 'stop';
  if (stopReason === 'abort') return 'error';
  return 'other';
}

/**
 * The schema as the grammar compiler takes it. node-llama-cpp supports a subset of JSON Schema
 * (type, properties, additionalProperties, items, prefixItems, minItems/maxItems, minLength/maxLength,
 * minProperties/maxProperties, enum, const, oneOf, $defs/$ref, format for dates and times) and
 * ignores the rest. It treats every property as required. zod writes unions as `anyOf`, which the
 * compiler does not know: for sampling, "any of" and "one of" allow the same alternatives, so `anyOf`
 * becomes `oneOf`. `$schema` is dropped. What the grammar cannot express (pattern, minimum/maximum,
 * refinements) is still checked by zod after sampling.
 */
export function grammarSchema(jsonSchema: JsonSchema): JsonSchema {
  const { $schema: _schema, ...rest } = jsonSchema;
  return convert(rest) as JsonSchema;
}

function convert(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(convert);
  if (typeof value !== 'object' || value === null) return value;
  const converted: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) converted[key === 'anyOf' ? 'oneOf' : key] = convert(item);
  return converted;
}
