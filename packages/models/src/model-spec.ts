import { ModelSpecError } from './errors.js';
import { OPENAI_COMPATIBLE_PRESETS } from './providers/openai-compatible/openai-compatible-presets.js';

export const MODEL_PROVIDERS = ['lmstudio', ...Object.keys(OPENAI_COMPATIBLE_PRESETS), 'local', 'replay'] as const;

export interface ModelSpec {
  provider: string;
  /** Everything after the first `/`: model ids may contain `/` and `:` (`Qwen/Qwen2.5-7B`, `qwen2.5-coder:7b`). */
  model: string;
}

export const MODEL_SPEC_FORMS = [
  'lmstudio/<model-key>            e.g. lmstudio/qwen2.5-coder-7b-instruct',
  'ollama/<model>                  e.g. ollama/qwen2.5-coder:7b',
  'llamacpp/<model>                e.g. llamacpp/default',
  'vllm/<model>                    e.g. vllm/Qwen/Qwen2.5-Coder-7B-Instruct',
  'lmstudio-openai/<model-key>     LM Studio through its OpenAI-compatible /v1 API',
  'openai-compatible/<model>       needs a base URL (option or OPENAI_COMPATIBLE_BASE_URL)',
  'local/<alias|hf:user/repo:quant|file.gguf>  llama.cpp in-process, no server (e.g. local/qwen2.5-coder-7b)',
  'replay/<transcript.jsonl|name>  replays a recorded or scripted transcript',
];

const formsHint = `Valid forms:\n  ${MODEL_SPEC_FORMS.join('\n  ')}`;

function isKnownProvider(provider: string): boolean {
  return (MODEL_PROVIDERS as readonly string[]).includes(provider);
}

/** `provider/model` → its two parts; an unknown provider or empty model is a ModelSpecError listing the valid forms. */
export function parseModelSpec(spec: string): ModelSpec {
  const trimmed = spec.trim();
  const slash = trimmed.indexOf('/');
  if (slash <= 0) {
    throw new ModelSpecError(`Model "${spec}" has no provider: write <provider>/<model>.`, formsHint);
  }
  const provider = trimmed.slice(0, slash).toLowerCase();
  const model = trimmed.slice(slash + 1).trim();
  if (!isKnownProvider(provider)) {
    throw new ModelSpecError(`Unknown model provider "${provider}" in "${spec}" (known: ${MODEL_PROVIDERS.join(', ')}).`, formsHint);
  }
  if (model === '') {
    throw new ModelSpecError(`Model "${spec}" names no model after "${provider}/".`, formsHint);
  }
  return { provider, model };
}
