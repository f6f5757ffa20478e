export * from './language-model.js';
export * from './errors.js';
export { extractJsonText, formatSchemaIssues, parseModelOutput, withSeparatedReasoning } from './parse-output.js';
export { balancedSpanEnd, jsonCandidates, type JsonCandidate, type JsonExtractionStrategy } from './json-extraction.js';
export { estimateTokens, separateReasoning, type SeparatedReasoning } from './reasoning-text.js';
export { DEFAULT_REQUEST_TIMEOUT_MS } from './request-timeout.js';
export { DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_TOTAL_TIMEOUT_MS } from './call-deadline.js';
export { PROGRESS_INTERVAL_MS } from './generation-meter.js';
export { parseRetryAfterMs } from './retry-after.js';
export {
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_RETRY_WAIT_MS,
  RETRY_BASE_DELAY_MS,
  RETRY_MAX_DELAY_MS,
  isTransientTransportError,
  retryDelayMs,
  withTransportRetry,
  type TransientFaultContext,
  type TransportRetryContext,
  type TransportRetryOptions,
  type TransportRetryResult,
} from './transport-retry.js';
export { LmStudioModel, type LmStudioModelOptions } from './providers/lmstudio/lmstudio-model.js';
export { DEFAULT_LMSTUDIO_BASE_URL, resolveLmStudioAddress, type LmStudioAddress } from './providers/lmstudio/lmstudio-base-url.js';
export { lmStudioCallRecord, mapLmStudioStopReason, type LmStudioPredictionLike } from './providers/lmstudio/lmstudio-call-record.js';
export { ModelContextExceededError, contextOverflowTokens, type ContextBudget } from './context-exceeded.js';
export { LMSTUDIO_START_HINT } from './providers/lmstudio/lmstudio-session.js';
export { OpenAICompatibleModel, type OpenAICompatibleModelOptions } from './providers/openai-compatible/openai-compatible-model.js';
export { OllamaChatModel, type OllamaChatModelOptions } from './providers/ollama/ollama-chat-model.js';
export { OLLAMA_CONTEXT_STEP, ollamaApiRoot, ollamaContextSize } from './providers/ollama/ollama-context.js';
export {
  OPENAI_COMPATIBLE_PRESETS,
  isOpenAICompatibleProvider,
  type OpenAICompatiblePreset,
  type OpenAICompatibleProvider,
} from './providers/openai-compatible/openai-compatible-presets.js';
export { STRUCTURED_OUTPUT_MODES, type StructuredOutputMode } from './structured-output-mode.js';
export {
  TRANSCRIPT_VERSION,
  transcriptCallSchema,
  transcriptHeaderSchema,
  type Transcript,
  type TranscriptCall,
  type TranscriptHeader,
  type TranscriptRequest,
  type TranscriptResponse,
} from './providers/replay/transcript-format.js';
export { continueTranscriptFile, parseTranscript, readTranscript, serializeTranscript, transcriptHeader, transcriptRequest, writeTranscript } from './providers/replay/transcript-file.js';
export { ReplayModel } from './providers/replay/replay-model.js';
export { RecordingModel, withRecording, type RecordingOptions } from './providers/replay/recording-model.js';
export { MODEL_PROVIDERS, MODEL_SPEC_FORMS, parseModelSpec, type ModelSpec } from './model-spec.js';
export { createLanguageModel, type CreateLanguageModelOptions } from './create-language-model.js';
export { listModels, type AvailableModel, type ListModelsOptions } from './list-models.js';
export { LocalModel, defaultLocalThreads, type LocalModelLoaded, type LocalModelOptions } from './providers/local/local-model.js';
export { releaseLocalModels, llamaBackend, llamaVramBytes, type LlamaBackend } from './providers/local/llama-runtime.js';
export {
  DEFAULT_LOCAL_MODEL_ALIAS,
  LOCAL_MODEL_ALIASES,
  SMALL_LOCAL_MODEL_ALIAS,
  findLocalModelAlias,
  type LocalModelAlias,
} from './providers/local/local-model-catalog.js';
export { modelsDirectory } from './providers/local/models-directory.js';
export { resolveLocalModel, type LocalModelSource } from './providers/local/local-model-source.js';
export { checkGgufFile, type GgufFileFacts } from './providers/local/gguf-file-check.js';
export { downloadModelFile, type DownloadOptions, type DownloadProgress, type DownloadResult } from './providers/local/model-download.js';
export { machineMemory, memoryFit, type MachineMemory, type MemoryFit } from './providers/local/memory-fit.js';
