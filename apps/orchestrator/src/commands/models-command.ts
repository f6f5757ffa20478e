import { listModels, parseModelSpec } from '@ndli/models';
import { loadConfig } from '../config/load-config.js';
import { EXIT } from '../cli-errors.js';

/** `ndli models`: what the configured server offers, so a user can pick a `--model`. */
export async function modelsCommand(flags: { provider?: string; baseUrl?: string; config?: string; json?: boolean }): Promise<number> {
  const { config } = await loadConfig({ cwd: process.cwd(), ...(flags.config ? { configPath: flags.config } : {}) });
  const provider = flags.provider ?? (config.model ? parseModelSpec(config.model).provider : 'lmstudio');
  const baseUrl = flags.baseUrl ?? config.baseUrl;
  const models = await listModels(provider, baseUrl ? { baseUrl } : {});
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ provider, models }, null, 2)}\n`);
  } else if (models.length === 0) {
    process.stdout.write(`The ${provider} server answered but offers no models. Download or load one, then retry.\n`);
  } else {
    process.stdout.write(`Models on the ${provider} server (use as --model ${provider}/<id>):\n`);
    for (const model of models) process.stdout.write(`  ${provider}/${model.id}${model.loaded ? '  (loaded)' : ''}\n`);
  }
  return EXIT.passed;
}
