import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Transcripts shipped with the CLI, addressed as `replay/<name>`. They are SCRIPTED: hand-written
 * model answers, not a model's output, for demos and offline tests.
 */
export function resolveBundledTranscript(name: string): string | undefined {
  if (!/^[a-z0-9-]+$/.test(name)) return undefined;
  const path = fileURLToPath(new URL(`../../transcripts/${name}.jsonl`, import.meta.url));
  return existsSync(path) ? path : undefined;
}
