import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { LatentLoopResult } from '@ndli/latent-core';
import type { RoundSummary, RunMetadata } from './run-metadata.js';

/** What the inner loop of a round spent, as its own run_metadata.json records it (kept when it failed, too). */
const InnerUsageSchema = z.object({ tokens: z.object({ prompt: z.number(), completion: z.number() }), calls: z.number(), retries: z.number(), truncations: z.number() });
export type InnerUsage = z.infer<typeof InnerUsageSchema>;

export function readInnerUsage(roundDirectory: string): InnerUsage | undefined {
  const path = join(roundDirectory, 'run_metadata.json');
  if (!existsSync(path)) return undefined;
  try {
    const parsed = InnerUsageSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sets a round's usage to the inner loop's totals (cumulative over its sessions) and moves the run's
 * totals by the difference: counts already added call by call are not counted twice.
 */
export function applyUsage(metadata: RunMetadata, summary: RoundSummary, usage: InnerUsage): void {
  const before = summary.tokens;
  summary.tokens = { prompt: usage.tokens.prompt, completion: usage.tokens.completion };
  metadata.tokens.prompt += summary.tokens.prompt - before.prompt;
  metadata.tokens.completion += summary.tokens.completion - before.completion;
  Object.assign(summary, { calls: usage.calls, retries: usage.retries, truncations: usage.truncations } satisfies Partial<RoundSummary>);
}

/** Counts one finished model call into the round and the run as it happens, so a killed run keeps true totals. */
export function addCallUsage(metadata: RunMetadata, summary: RoundSummary, tokens: { prompt: number; completion: number }): void {
  summary.tokens = { prompt: summary.tokens.prompt + tokens.prompt, completion: summary.tokens.completion + tokens.completion };
  summary.calls += 1;
  metadata.tokens.prompt += tokens.prompt;
  metadata.tokens.completion += tokens.completion;
}

export function addResult(metadata: RunMetadata, summary: RoundSummary, result: LatentLoopResult): void {
  applyUsage(metadata, summary, result);
  Object.assign(summary, { innerEndReason: result.endReason, refinements: result.refinements, generateMs: result.durationMs } satisfies Partial<RoundSummary>);
}
