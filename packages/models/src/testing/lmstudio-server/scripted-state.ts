import { DEFAULT_SCRIPTED_MODEL, instanceReferenceOf } from './model-info.js';
import type { ReceivedPrediction, ScriptedLmStudio, ScriptedLmStudioModel } from './scripted-lmstudio.js';
import type { ModelSpecifier } from './wire-messages.js';

/** What every connection of one scripted server shares: its models (loading changes them) and its logs. */
export interface ScriptedState {
  script: ScriptedLmStudio;
  models: ScriptedLmStudioModel[];
  countTokens: (text: string) => number;
  predictions: ReceivedPrediction[];
  calls: string[];
  warnings: string[];
}

export function scriptedState(script: ScriptedLmStudio): ScriptedState {
  return {
    script,
    models: (script.models ?? [DEFAULT_SCRIPTED_MODEL]).map((model) => ({ ...model, loaded: model.loaded ?? true })),
    countTokens: script.countTokens ?? ((text) => Math.ceil(text.length / 4)),
    predictions: [],
    calls: [],
    warnings: [],
  };
}

/** The model a specifier means: an instance reference names a loaded model; a query its key. */
export function modelOf(state: ScriptedState, specifier: ModelSpecifier): ScriptedLmStudioModel | undefined {
  return state.models.find((model) =>
    specifier.type === 'instanceReference'
      ? instanceReferenceOf(model.modelKey) === specifier.instanceReference && model.loaded === true
      : model.modelKey === (specifier.query.identifier ?? specifier.query.path),
  );
}

/** A stand-in chat template (real ones differ per model): enough for token counts to grow with the prompt. */
export function promptTemplate(messages: readonly { role: string; text: string }[]): string {
  return `${messages.map((message) => `<|${message.role}|>\n${message.text}\n`).join('')}<|assistant|>\n`;
}
