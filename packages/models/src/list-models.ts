import { ModelHttpError, ModelSpecError, ModelUnreachableError } from './errors.js';
import { withLmStudioClient } from './providers/lmstudio/lmstudio-session.js';
import { MODEL_PROVIDERS } from './model-spec.js';
import { OPENAI_COMPATIBLE_PRESETS, isOpenAICompatibleProvider, resolvePresetBaseUrl } from './providers/openai-compatible/openai-compatible-presets.js';
import { modelIdsFromListBody, probeHttp } from './server-preflight.js';

export interface AvailableModel {
  /** What goes after `<provider>/` in a model string. */
  id: string;
  /** LM Studio only: whether the model is loaded in memory right now. */
  loaded?: boolean;
  displayName?: string;
}

export interface ListModelsOptions {
  baseUrl?: string;
  /** How long to wait for the server. Default 5 s. */
  timeoutMs?: number;
}

/** What the configured server offers, for `ndli models`. Nothing answering → ModelUnreachableError with a hint. */
export async function listModels(provider: string, options: ListModelsOptions = {}): Promise<AvailableModel[]> {
  const timeoutMs = options.timeoutMs ?? 5000;
  if (provider === 'lmstudio') {
    return withLmStudioClient({ baseUrl: options.baseUrl, connectTimeoutMs: timeoutMs, modelId: '(listing models)' }, async (client) => {
      const [downloaded, loaded] = await Promise.all([client.system.listDownloadedModels('llm'), client.llm.listLoaded()]);
      const loadedKeys = new Set(loaded.map((model) => model.modelKey));
      return downloaded.map((model) => ({ id: model.modelKey, loaded: loadedKeys.has(model.modelKey), displayName: model.displayName }));
    });
  }
  if (!isOpenAICompatibleProvider(provider)) {
    throw new ModelSpecError(`Cannot list models for provider "${provider}".`, `Use one of: ${MODEL_PROVIDERS.filter((name) => name !== 'replay').join(', ')}.`);
  }
  const preset = OPENAI_COMPATIBLE_PRESETS[provider];
  const baseUrl = resolvePresetBaseUrl(preset, options.baseUrl)?.replace(/\/+$/, '');
  if (baseUrl === undefined) throw new ModelSpecError(`Listing ${provider} models needs the server's base URL.`, `Pass a base URL or set ${preset.baseUrlEnv}.`);
  const context = { provider, modelId: '(listing models)' };
  const probe = await probeHttp(`${baseUrl}/models`, timeoutMs);
  if (!probe.answered) {
    throw new ModelUnreachableError({ ...context, baseUrl, hint: `Is the server running at ${baseUrl}? (${probe.problem}) e.g. ${preset.startHint}; or pass another base URL.` });
  }
  const ids = probe.status === 200 ? modelIdsFromListBody(probe.body) : undefined;
  if (ids === undefined) {
    throw new ModelHttpError({ ...context, status: probe.status, responseBody: probe.body, message: `GET ${baseUrl}/models answered HTTP ${probe.status} without a model list.`, hint: 'Does the base URL end with /v1?' });
  }
  return ids.map((id) => ({ id }));
}
