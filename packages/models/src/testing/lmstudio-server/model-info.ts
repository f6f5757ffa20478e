import type { ScriptedLmStudioModel } from './scripted-lmstudio.js';
import type { KvConfig } from './wire-messages.js';

export const DEFAULT_SCRIPTED_MODEL: ScriptedLmStudioModel = { modelKey: 'scripted-model', contextLength: 8192, loaded: true };
const DEFAULT_CONTEXT_LENGTH = 8192;

/** The SDK's `llmInfoSchema` (a downloaded model): every required field, so the client accepts it. */
export function llmInfo(model: ScriptedLmStudioModel): Record<string, unknown> {
  return {
    type: 'llm',
    modelKey: model.modelKey,
    format: 'gguf',
    displayName: `${model.modelKey} (scripted)`,
    path: `scripted/${model.modelKey}`,
    sizeBytes: 1,
    vision: false,
    trainedForToolUse: false,
    maxContextLength: Math.max(model.contextLength ?? DEFAULT_CONTEXT_LENGTH, 32_768),
  };
}

/** The SDK's `llmInstanceInfoSchema` (a loaded model). The instance reference names the model key. */
export function llmInstanceInfo(model: ScriptedLmStudioModel): Record<string, unknown> {
  return {
    ...llmInfo(model),
    identifier: model.modelKey,
    instanceReference: instanceReferenceOf(model.modelKey),
    contextLength: contextLengthOf(model),
  };
}

export function contextLengthOf(model: ScriptedLmStudioModel): number {
  return model.contextLength ?? DEFAULT_CONTEXT_LENGTH;
}

export function instanceReferenceOf(modelKey: string): string {
  return `instance:${modelKey}`;
}

/** What `getLoadConfig` answers: the SDK reads `llm.load.contextLength` from it for `getContextLength()`. */
export function loadConfig(model: ScriptedLmStudioModel): KvConfig {
  return { fields: [{ key: 'llm.load.contextLength', value: contextLengthOf(model) }] };
}
