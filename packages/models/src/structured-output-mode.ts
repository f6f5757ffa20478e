import type { JsonSchema } from './language-model.js';

/**
 * How a server is asked for JSON, strongest first. Servers differ: vLLM and LM Studio accept
 * `json_schema`, older llama.cpp / Ollama builds only `json_object`, some nothing at all.
 */
export type StructuredOutputMode = 'json_schema' | 'json_object' | 'prompt';

export const STRUCTURED_OUTPUT_MODES: readonly StructuredOutputMode[] = ['json_schema', 'json_object', 'prompt'];

/** The next weaker mode, or undefined when there is nothing left to fall back to. */
export function nextStructuredOutputMode(mode: StructuredOutputMode): StructuredOutputMode | undefined {
  return STRUCTURED_OUTPUT_MODES[STRUCTURED_OUTPUT_MODES.indexOf(mode) + 1];
}

/** A 400/422 whose body names the response format is the server refusing the mode, not the request. */
export function isResponseFormatRejection(status: number | undefined, body: string | undefined): boolean {
  return (status === 400 || status === 422) && body !== undefined && /response_format|json_schema|json_object|response format/i.test(body);
}

/**
 * Without a server-side schema the model only knows the shape from the prompt, so weaker modes
 * state it in the system message.
 */
export function systemPromptFor(mode: StructuredOutputMode, system: string, jsonSchema: JsonSchema): string {
  if (mode === 'json_schema') return system;
  return `${system}\n\nAnswer with a single JSON object (no prose, no Markdown fence) that matches this JSON Schema:\n${JSON.stringify(jsonSchema)}`;
}
