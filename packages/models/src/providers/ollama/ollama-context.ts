import type { GenerateObjectRequest } from '../../language-model.js';

/** Context windows are sized in steps of this many tokens, so nearby calls reuse a loaded model's context. */
export const OLLAMA_CONTEXT_STEP = 2048;
/** Room for the chat template's tokens around the messages. */
const TEMPLATE_TOKENS = 256;

/**
 * `options.num_ctx` for one Ollama call: the prompt (estimated at 3 characters a token, on the safe
 * side of the usual ~4 — code tokenizes denser than prose) plus the answer's `maxTokens`, rounded up.
 * Ollama's default context (2048–4096 on many installs) silently cuts longer prompts *from the
 * front*, which would drop the task from the state (ollama #3839).
 */
export function ollamaContextSize(request: Pick<GenerateObjectRequest<unknown>, 'system' | 'prompt' | 'maxTokens'>): number {
  const promptTokens = Math.ceil((request.system.length + request.prompt.length) / 3) + TEMPLATE_TOKENS;
  return Math.ceil((promptTokens + request.maxTokens) / OLLAMA_CONTEXT_STEP) * OLLAMA_CONTEXT_STEP;
}

/** `http://host:11434/v1` (the preset, shared with `/v1/models`) → `http://host:11434`, where `/api/chat` lives. */
export function ollamaApiRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
}
