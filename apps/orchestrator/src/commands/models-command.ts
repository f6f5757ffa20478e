import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_MODEL_ALIASES, isModelError, listModels, modelsDirectory, parseModelSpec, type AvailableModel } from '@ndli/models';
import { loadConfig } from '../config/load-config.js';
import { EXIT } from '../cli-errors.js';
import { pullLocalModel } from '../models/pull-model.js';

interface ServerListing {
  provider: string;
  models?: AvailableModel[];
  /** Why the server could not be listed (not running, …). */
  problem?: string;
}

interface LocalListing {
  directory: string;
  models: { model: string; file: string; sizeBytes: number }[];
}

/** Downloaded GGUF files in the models folder, named by alias where one matches. */
function localModels(directory: string): LocalListing {
  const files = existsSync(directory) ? readdirSync(directory).filter((name) => name.endsWith('.gguf')) : [];
  return {
    directory,
    models: files.map((file) => {
      const alias = LOCAL_MODEL_ALIASES.find((entry) => entry.fileName === file)?.alias;
      return { model: `local/${alias ?? join(directory, file)}`, file, sizeBytes: statSync(join(directory, file)).size };
    }),
  };
}

async function serverListing(provider: string, baseUrl: string | undefined): Promise<ServerListing> {
  try {
    return { provider, models: await listModels(provider, { ...(baseUrl ? { baseUrl } : {}), timeoutMs: 2_000 }) };
  } catch (error) {
    if (!isModelError(error)) throw error;
    return { provider, problem: error.message };
  }
}

/**
 * `ndli models`: the local models downloaded to the models folder, beside what the servers offer (the
 * configured one, or LM Studio and Ollama), so a user can pick a `--model`.
 */
export async function modelsCommand(flags: { provider?: string; baseUrl?: string; config?: string; json?: boolean }): Promise<number> {
  const { config } = await loadConfig({ cwd: process.cwd(), ...(flags.config ? { configPath: flags.config } : {}) });
  const configured = flags.provider ?? (config.model ? parseModelSpec(config.model).provider : undefined);
  const providers = configured === undefined ? ['lmstudio', 'ollama'] : configured === 'local' || configured === 'replay' ? [] : [configured];
  const baseUrl = flags.baseUrl ?? config.baseUrl;
  const servers = await Promise.all(providers.map((provider) => serverListing(provider, configured === undefined ? undefined : baseUrl)));
  const local = localModels(modelsDirectory());
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ local, servers }, null, 2)}\n`);
    return EXIT.passed;
  }
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Local models in ${local.directory} (no server needed; set NDLI_MODELS_DIR to move it):`);
  if (local.models.length === 0) out(`  none yet: \`ndli models pull ${LOCAL_MODEL_ALIASES[0]?.alias ?? ''}\` (or a smaller one: ${LOCAL_MODEL_ALIASES.slice(1).map((entry) => entry.alias).join(', ')})`);
  for (const model of local.models) out(`  ${model.model}  (${(model.sizeBytes / 1e9).toFixed(2)} GB)`);
  for (const server of servers) {
    if (server.models === undefined) out(`${server.provider}: not answering (${server.problem ?? 'unknown'})`);
    else if (server.models.length === 0) out(`${server.provider}: answering, but offers no models. Download or load one, then retry.`);
    else {
      out(`Models on the ${server.provider} server (use as --model ${server.provider}/<id>):`);
      for (const model of server.models) out(`  ${server.provider}/${model.id}${model.loaded ? '  (loaded)' : ''}`);
    }
  }
  return EXIT.passed;
}

/** `ndli models pull <alias|hf:user/repo:quant|url>`. Ctrl-C cancels; the next pull resumes. */
export async function modelsPullCommand(model: string, flags: { force?: boolean }): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => controller.abort('interrupted');
  process.once('SIGINT', onSigint);
  try {
    await pullLocalModel(model.replace(/^local\//, ''), { out: process.stderr, force: flags.force, signal: controller.signal });
    return EXIT.passed;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
