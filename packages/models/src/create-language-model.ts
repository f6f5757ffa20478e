import { isAbsolute, resolve } from 'node:path';
import { ModelSpecError } from './errors.js';
import type { LanguageModel } from './language-model.js';
import { LmStudioModel } from './providers/lmstudio/lmstudio-model.js';
import { parseModelSpec } from './model-spec.js';
import { LocalModel, type LocalModelLoaded } from './providers/local/local-model.js';
import { OllamaChatModel } from './providers/ollama/ollama-chat-model.js';
import { OpenAICompatibleModel } from './providers/openai-compatible/openai-compatible-model.js';
import { OPENAI_COMPATIBLE_PRESETS, isOpenAICompatibleProvider, resolvePresetBaseUrl } from './providers/openai-compatible/openai-compatible-presets.js';
import { withRecording } from './providers/replay/recording-model.js';
import { ReplayModel } from './providers/replay/replay-model.js';

export interface CreateLanguageModelOptions {
  /** Server URL; each provider has a default and an environment variable. */
  baseUrl?: string;
  /** OpenAI-compatible servers only; default env OPENAI_COMPATIBLE_API_KEY. */
  apiKey?: string;
  /** Total time of one call. Default 30 minutes for OpenAI-compatible servers (streamed: the idle timeout catches stalls), 10 for LM Studio. */
  timeoutMs?: number;
  /** OpenAI-compatible / Ollama: a streamed answer that sends nothing for this long fails. Default 120 s. */
  idleTimeoutMs?: number;
  /** OpenAI-compatible / Ollama: retries of transient server faults per call. Default 3. */
  maxRetries?: number;
  /** OpenAI-compatible / Ollama: total wait between those retries, per call. Default 30 s. */
  maxRetryWaitMs?: number;
  /** OpenAI-compatible: stream answers (default true); false sends plain requests. */
  stream?: boolean;
  /** Record every call of the model into this transcript (JSONL) for exact replay. */
  record?: string;
  /** Maps a bare replay name such as `demo` to a bundled transcript path; undefined means "not a bundled name". */
  replayResolver?: (name: string) => string | undefined;
  /**
   * Replay only: calls already answered before (a resumed run continues the transcript where the
   * interrupted run stopped instead of replaying it from the top).
   */
  replayStartIndex?: number;
  /** Description written into a recorded transcript's header. */
  recordDescription?: string;
  /** Local models: CPU threads (default: the machine's available cores). */
  threads?: number;
  /** Local models: the folder aliases and `hf:` URIs are looked up in (default NDLI_MODELS_DIR or the user's cache). */
  modelsDirectory?: string;
  /** Local models: told once the model is loaded (file, load time, GPU found). */
  onLocalModelLoaded?: (loaded: LocalModelLoaded) => void;
}

/** A model string (`lmstudio/qwen2.5-coder-7b-instruct`, `ollama/qwen2.5-coder:7b`, `replay/demo`, …) → a LanguageModel. */
export function createLanguageModel(spec: string, options: CreateLanguageModelOptions = {}): LanguageModel {
  const model = createUnrecorded(spec, options);
  return options.record === undefined ? model : withRecording(model, options.record, { description: options.recordDescription ?? `Recorded from ${spec}` });
}

function createUnrecorded(spec: string, options: CreateLanguageModelOptions): LanguageModel {
  const { provider, model } = parseModelSpec(spec);
  if (provider === 'lmstudio') {
    return new LmStudioModel(model, {
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      idleTimeoutMs: options.idleTimeoutMs,
      maxRetries: options.maxRetries,
      maxRetryWaitMs: options.maxRetryWaitMs,
    });
  }
  if (provider === 'local') {
    return new LocalModel(model, {
      threads: options.threads,
      modelsDirectory: options.modelsDirectory,
      timeoutMs: options.timeoutMs,
      idleTimeoutMs: options.idleTimeoutMs,
      onLoaded: options.onLocalModelLoaded,
    });
  }
  if (provider === 'replay') {
    return ReplayModel.fromFile(resolveReplayPath(model, options.replayResolver), { startIndex: options.replayStartIndex ?? 0 });
  }
  if (isOpenAICompatibleProvider(provider)) {
    const preset = OPENAI_COMPATIBLE_PRESETS[provider];
    const baseUrl = resolvePresetBaseUrl(preset, options.baseUrl);
    if (baseUrl === undefined) {
      throw new ModelSpecError(
        `"${spec}" needs the server's base URL.`,
        `Pass a base URL (e.g. --base-url http://127.0.0.1:8000/v1) or set ${preset.baseUrlEnv}.`,
      );
    }
    const shared = {
      baseUrl,
      timeoutMs: options.timeoutMs,
      idleTimeoutMs: options.idleTimeoutMs,
      maxRetries: options.maxRetries,
      maxRetryWaitMs: options.maxRetryWaitMs,
      startHint: preset.startHint,
    };
    // Ollama's /v1 cannot set num_ctx and cuts long prompts silently: its native API can (ollama-chat-model.ts).
    if (provider === 'ollama') return new OllamaChatModel(model, shared);
    return new OpenAICompatibleModel(model, { ...shared, apiKey: options.apiKey, stream: options.stream, provider: preset.provider });
  }
  // parseModelSpec only returns known providers; this guards a provider added there but not here.
  throw new ModelSpecError(`Provider "${provider}" is known but not wired up.`);
}

/** A bare name the resolver knows (`demo`) wins; anything else is a path relative to the working directory. */
function resolveReplayPath(name: string, resolver: CreateLanguageModelOptions['replayResolver']): string {
  const bundled = resolver?.(name);
  if (bundled !== undefined) return bundled;
  return isAbsolute(name) ? name : resolve(name);
}
