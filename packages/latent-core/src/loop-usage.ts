import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TokenTotals } from './events.js';
import { RUN_FILES } from './run-directory.js';
import { ResumableMetadataSchema } from './run-metadata.js';

/** What an inner loop spent, summed over its sessions, as its own `run_metadata.json` records it. */
export interface LoopUsage {
  tokens: TokenTotals;
  calls: number;
  /** Output retries (the model's bad answers). */
  retries: number;
  /** Transport retries by the provider. */
  serverRetries: number;
  truncations: number;
}

/**
 * Reads the usage a loop directory recorded (kept when the loop failed or was stopped, too), so a caller
 * never re-declares this package's metadata file or schema. Undefined when nothing readable is saved yet.
 */
export function readLoopUsage(directory: string): LoopUsage | undefined {
  const path = join(directory, RUN_FILES.metadata);
  if (!existsSync(path)) return undefined;
  try {
    const parsed = ResumableMetadataSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) return undefined;
    const { tokens, calls, retries, serverRetries, truncations } = parsed.data;
    return { tokens: { prompt: tokens.prompt, completion: tokens.completion }, calls, retries, serverRetries, truncations };
  } catch {
    // Half-written by a killed process: the caller keeps what it counted call by call.
    return undefined;
  }
}
