export * from './language-model.js';
export * from './errors.js';
export { extractJsonText, formatSchemaIssues, parseModelOutput } from './parse-output.js';
export { DEFAULT_REQUEST_TIMEOUT_MS } from './request-timeout.js';
export { LmStudioModel, type LmStudioModelOptions } from './lmstudio-model.js';
export { DEFAULT_LMSTUDIO_BASE_URL, resolveLmStudioAddress, type LmStudioAddress } from './lmstudio-base-url.js';
export { lmStudioCallRecord, mapLmStudioStopReason, type LmStudioPredictionLike } from './lmstudio-call-record.js';
export { LMSTUDIO_START_HINT } from './lmstudio-session.js';
export { OpenAICompatibleModel, type OpenAICompatibleModelOptions } from './openai-compatible-model.js';
export {
  OPENAI_COMPATIBLE_PRESETS,
  isOpenAICompatibleProvider,
  type OpenAICompatiblePreset,
  type OpenAICompatibleProvider,
} from './openai-compatible-presets.js';
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
} from './transcript-format.js';
export { continueTranscriptFile, parseTranscript, readTranscript, serializeTranscript, transcriptHeader, transcriptRequest, writeTranscript } from './transcript-file.js';
export { ReplayModel } from './replay-model.js';
export { RecordingModel, withRecording, type RecordingOptions } from './recording-model.js';
export { MODEL_PROVIDERS, MODEL_SPEC_FORMS, parseModelSpec, type ModelSpec } from './model-spec.js';
export { createLanguageModel, type CreateLanguageModelOptions } from './create-language-model.js';
export { listModels, type AvailableModel, type ListModelsOptions } from './list-models.js';
