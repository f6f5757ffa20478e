import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_MODEL_ALIASES, listModels, modelsDirectory } from '@ndli/models';
import { ndliCommand } from '../hints/ndli-command.js';

/** Which model a run without `--model` takes, and the one line saying why. */
export interface ModelChoice {
  model: string;
  reason: string;
}

/** Where a model may come from, asked in order; each answers a model string or undefined. Injectable for tests. */
export interface ModelSources {
  lmStudio: () => Promise<string | undefined>;
  ollama: () => Promise<string | undefined>;
  localFile: () => string | undefined;
}

const PROBE_TIMEOUT_MS = 1_500;

async function firstServerModel(provider: 'lmstudio' | 'ollama'): Promise<string | undefined> {
  try {
    const models = await listModels(provider, { timeoutMs: PROBE_TIMEOUT_MS });
    // A model LM Studio has loaded already answers at once; else the first one it offers.
    const model = models.find((entry) => entry.loaded === true) ?? models[0];
    return model === undefined ? undefined : `${provider}/${model.id}`;
  } catch {
    return undefined;
  }
}

/** A downloaded alias (the default coding model first), else any `.gguf` in the models folder. */
export function downloadedLocalModel(directory: string = modelsDirectory()): string | undefined {
  const alias = LOCAL_MODEL_ALIASES.find((entry) => existsSync(join(directory, entry.fileName)));
  if (alias !== undefined) return `local/${alias.alias}`;
  const file = existsSync(directory) ? readdirSync(directory).find((name) => name.endsWith('.gguf')) : undefined;
  return file === undefined ? undefined : `local/${join(directory, file)}`;
}

export const DEFAULT_MODEL_SOURCES: ModelSources = {
  lmStudio: () => firstServerModel('lmstudio'),
  ollama: () => firstServerModel('ollama'),
  localFile: () => downloadedLocalModel(),
};

/**
 * A run with no `--model`: the config's model; else LM Studio answering; else Ollama answering; else a
 * downloaded local model. Undefined when none can serve (the caller says what to do).
 */
export async function chooseModel(configModel: string | undefined, sources: ModelSources = DEFAULT_MODEL_SOURCES): Promise<ModelChoice | undefined> {
  if (configModel !== undefined) return { model: configModel, reason: 'the model in the config file' };
  const lmStudio = await sources.lmStudio();
  if (lmStudio !== undefined) return { model: lmStudio, reason: 'LM Studio is answering' };
  const ollama = await sources.ollama();
  if (ollama !== undefined) return { model: ollama, reason: 'Ollama is answering' };
  const local = sources.localFile();
  if (local !== undefined) return { model: local, reason: 'no server is answering; a downloaded local model' };
  return undefined;
}

/** The one actionable line when nothing can serve, naming the commands as the user runs them. */
export function noModelHint(): string {
  return (
    `Download a local model (\`${ndliCommand('models pull qwen2.5-coder-1.5b')}\`, no server needed), start LM Studio or Ollama with a model, ` +
    'or run the scripted demo with `--model replay/demo`.'
  );
}
