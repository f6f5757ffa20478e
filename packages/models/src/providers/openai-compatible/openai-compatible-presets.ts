/** Where each OpenAI-compatible server listens by default and how a user starts it. */
export interface OpenAICompatiblePreset {
  provider: string;
  /** Undefined when there is no sensible default (generic `openai-compatible`). */
  defaultBaseUrl: string | undefined;
  /** Environment variable that overrides the default base URL. */
  baseUrlEnv: string;
  startHint: string;
}

export const OPENAI_COMPATIBLE_PRESETS = {
  ollama: { provider: 'ollama', defaultBaseUrl: 'http://127.0.0.1:11434/v1', baseUrlEnv: 'OLLAMA_BASE_URL', startHint: '`ollama serve`' },
  llamacpp: { provider: 'llamacpp', defaultBaseUrl: 'http://127.0.0.1:8080/v1', baseUrlEnv: 'LLAMACPP_BASE_URL', startHint: '`llama-server -m <model.gguf> --port 8080`' },
  vllm: { provider: 'vllm', defaultBaseUrl: 'http://127.0.0.1:8000/v1', baseUrlEnv: 'VLLM_BASE_URL', startHint: '`vllm serve <model>`' },
  'lmstudio-openai': {
    provider: 'lmstudio-openai',
    defaultBaseUrl: 'http://127.0.0.1:1234/v1',
    baseUrlEnv: 'LMSTUDIO_OPENAI_BASE_URL',
    startHint: '`lms server start` (or LM Studio → Developer tab → Start server)',
  },
  'openai-compatible': {
    provider: 'openai-compatible',
    defaultBaseUrl: undefined,
    baseUrlEnv: 'OPENAI_COMPATIBLE_BASE_URL',
    startHint: 'start your OpenAI-compatible server',
  },
} as const satisfies Record<string, OpenAICompatiblePreset>;

export type OpenAICompatibleProvider = keyof typeof OPENAI_COMPATIBLE_PRESETS;

export function isOpenAICompatibleProvider(provider: string): provider is OpenAICompatibleProvider {
  return Object.hasOwn(OPENAI_COMPATIBLE_PRESETS, provider);
}

/** Option, then the preset's environment variable, then its default; undefined if none applies. */
export function resolvePresetBaseUrl(preset: OpenAICompatiblePreset, baseUrl?: string): string | undefined {
  const fromEnv = process.env[preset.baseUrlEnv];
  return baseUrl ?? (fromEnv !== undefined && fromEnv !== '' ? fromEnv : preset.defaultBaseUrl);
}
