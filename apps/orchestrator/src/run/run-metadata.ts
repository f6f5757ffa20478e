import { z } from 'zod';
import { NdliConfigSchema } from '../config/config-schema.js';

export const RUN_METADATA_VERSION = 1;

export const RunStatusSchema = z.enum(['running', 'passed', 'failed', 'stalled', 'error', 'interrupted']);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const RunModeSchema = z.enum(['ndli', 'inner', 'one-shot']).describe('ndli: both loops; inner: no FIX rounds; one-shot: a single GENERATE, no inner loop');
export type RunMode = z.infer<typeof RunModeSchema>;

const TokensSchema = z.object({ prompt: z.number(), completion: z.number() });
export type Tokens = z.infer<typeof TokensSchema>;

export const RoundSummarySchema = z.object({
  round: z.number().int().min(1),
  kind: z.enum(['init', 'fix', 'one-shot']),
  status: z.enum(['generating', 'judging', 'judged', 'error']),
  innerEndReason: z.string().optional(),
  refinements: z.number().optional(),
  calls: z.number().default(0),
  retries: z.number().default(0),
  truncations: z.number().default(0),
  tokens: TokensSchema.default({ prompt: 0, completion: 0 }),
  generateMs: z.number().optional(),
  judgeMs: z.number().optional(),
  passed: z.number().optional(),
  total: z.number().optional(),
  failingTitles: z.array(z.string()).optional(),
  fixedTitles: z.array(z.string()).optional().describe('Tests failing in the previous round that pass now'),
  regressedTitles: z.array(z.string()).optional().describe('Tests passing in the previous round that fail now'),
  blockerDigest: z.string().optional().describe('Fingerprint of this round’s failures and FIX blockers (stagnation check)'),
});
export type RoundSummary = z.infer<typeof RoundSummarySchema>;

export const RunMetadataSchema = z.object({
  kind: z.literal('ndli-run'),
  version: z.literal(RUN_METADATA_VERSION),
  spec: z.string(),
  artifactFileName: z.string(),
  model: z.object({ spec: z.string(), provider: z.string(), id: z.string(), scripted: z.boolean() }),
  mode: RunModeSchema,
  config: NdliConfigSchema,
  versions: z.record(z.string(), z.string()),
  gitCommit: z.string().optional(),
  startedAt: z.string(),
  updatedAt: z.string(),
  endedAt: z.string().optional(),
  durationMs: z.number().default(0).describe('Wall time spent, summed over the original run and every resume'),
  status: RunStatusSchema,
  endReason: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  tokens: TokensSchema,
  rounds: z.array(RoundSummarySchema),
  best: z.object({ round: z.number(), passed: z.number(), total: z.number() }).optional(),
  resumes: z.number().int().default(0),
});
export type RunMetadata = z.infer<typeof RunMetadataSchema>;
