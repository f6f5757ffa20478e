import { listModels, parseModelSpec } from '@ndli/models';
import type { NdliConfig } from '../config/config-schema.js';

/**
 * Before a run directory is created: is the model server there at all? An unreachable server is a
 * one-line ModelUnreachableError with how to start it, instead of a run that dies at its first call.
 * Replay needs no server.
 */
export async function checkModelServer(config: NdliConfig): Promise<void> {
  if (!config.model) return;
  const { provider } = parseModelSpec(config.model);
  // Replay needs no server; a local model is checked (downloaded, or asked for) by the run command.
  if (provider === 'replay' || provider === 'local') return;
  await listModels(provider, { ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}), timeoutMs: 5_000 });
}
