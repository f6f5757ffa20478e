import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The one folder local models are downloaded to and looked up in: `NDLI_MODELS_DIR`, else the
 * user's cache (`$XDG_CACHE_HOME/ndli/models`, `~/.cache/ndli/models`; `~/Library/Caches/ndli/models`
 * on macOS; `%LOCALAPPDATA%\ndli\models` on Windows). A cache, because a model can always be downloaded again.
 */
export function modelsDirectory(environment: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const configured = environment['NDLI_MODELS_DIR']?.trim();
  if (configured !== undefined && configured !== '') return configured;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'ndli', 'models');
  if (platform === 'win32') return join(environment['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'), 'ndli', 'models');
  return join(environment['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'ndli', 'models');
}
