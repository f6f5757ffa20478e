import { z } from 'zod';
import { NdliConfigSchema } from '../config/config-schema.js';

export const RUN_METADATA_VERSION = 1;

/** `judge-error`: the harness could not judge the artifact (twice) and nothing failed: not the app's fault; resumable. */
/** `overfit`: the visible tests passed and held-out ones failed (`--held-out measure`). */
export const RunStatusSchema = z.enum(['running', 'passed', 'failed', 'stalled', 'error', 'interrupted', 'judge-error', 'overfit']);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const RunModeSchema = z.enum(['ndli', 'inner', 'one-shot']).describe('ndli: both loops; inner: no FIX rounds; one-shot: a single GENERATE, no inner loop');
export type RunMode = z.infer<typeof RunModeSchema>;

const TokensSchema = z.object({ prompt: z.number(), completion: z.number() });
export type Tokens = z.infer<typeof TokensSchema>;

export const CandidateStatusSchema = z.enum(['generating', 'judging', 'judged', 'error']);

/** One of a round's N artifacts (`--candidates N`), kept under `round_N/candidates/K/` with its verdict. */
export const CandidateSummarySchema = z.object({
  candidate: z.number().int().min(1),
  status: CandidateStatusSchema,
  /** Where its inner loop (or its GENERATE) wrote, relative to the run directory. */
  directory: z.string(),
  seed: z.number().int().optional(),
  innerEndReason: z.string().optional(),
  calls: z.number().default(0),
  retries: z.number().default(0),
  truncations: z.number().default(0),
  tokens: TokensSchema.default({ prompt: 0, completion: 0 }),
  /** What its own GENERATE (or one-shot) call cost: with `generate` scope the loop before it is shared, so ties compare this. */
  generateTokens: TokensSchema.optional(),
  generateMs: z.number().optional(),
  judgeMs: z.number().optional(),
  passed: z.number().optional(),
  total: z.number().optional(),
  outcome: z.enum(['green', 'red', 'judge-error']).optional(),
  failingTitles: z.array(z.string()).optional(),
  judgeErrors: z.number().default(0),
  heldOutPassed: z.number().optional(),
  heldOutTotal: z.number().optional(),
  artifactHash: z.string().optional(),
  verdictReusedFrom: z.string().optional().describe('The verdict file (relative to the run directory) this identical artifact reused'),
  error: z.object({ code: z.string(), message: z.string() }).optional().describe('Its model or judge error: the round goes on with the others'),
});
export type CandidateSummary = z.infer<typeof CandidateSummarySchema>;

export const RoundSummarySchema = z.object({
  round: z.number().int().min(1),
  kind: z.enum(['init', 'fix', 'one-shot', 'restart']).describe('restart: a fresh INIT after stagnation, given the failing behaviours as pitfalls'),
  status: z.enum(['generating', 'judging', 'judged', 'error']),
  attempt: z.number().int().min(1).default(1).describe('1 = the first INIT and its FIX rounds; each fresh start opens the next attempt'),
  anchorRound: z.number().int().optional().describe('The round whose state this FIX round built on (the best of its attempt)'),
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
  outcome: z.enum(['green', 'red', 'judge-error']).optional().describe('verdictOutcome of the round’s verdict'),
  passedTitles: z.array(z.string()).optional().describe('Full titles (`describe › title`) of the tests that passed'),
  failingTitles: z.array(z.string()).optional().describe('Full titles of the tests the app failed (judge errors excluded)'),
  judgeErrors: z.number().default(0).describe('Tests the harness could not judge (never failures, never FIX blockers)'),
  judgeErrorTitles: z.array(z.string()).optional(),
  rejudged: z.boolean().optional().describe('The artifact was judged a second time after a judge-error verdict'),
  fixedTitles: z.array(z.string()).optional().describe('Tests failing in the anchor round that pass now'),
  regressedTitles: z.array(z.string()).optional().describe('Tests passing in the anchor round that fail now: such a round is never the result'),
  artifactHash: z.string().optional().describe('sha256 of the artifact; an identical artifact reuses the earlier verdict'),
  verdictReusedFrom: z.number().int().optional().describe('The earlier round whose verdict this identical artifact reused (no browser run)'),
  blockerDigest: z.string().optional().describe('Old runs only: fingerprint of failures and blockers'),
  heldOutPassed: z.number().optional().describe('Held-out tests passed (never shown to the model); passed/total count the visible tests'),
  heldOutTotal: z.number().optional(),
  heldOutOutcome: z.enum(['green', 'red', 'judge-error']).optional(),
  heldOutFailingTitles: z.array(z.string()).optional(),
  candidates: z.array(CandidateSummarySchema).optional().describe('`--candidates N` > 1: every artifact of the round with its verdict'),
  candidateScope: z.enum(['generate', 'loop']).optional(),
  selectedCandidate: z.number().int().optional().describe('The candidate the round’s artifact and verdict are (best by tests passed)'),
});
export type RoundSummary = z.infer<typeof RoundSummarySchema>;

export const RunMetadataSchema = z.object({
  kind: z.literal('ndli-run'),
  version: z.literal(RUN_METADATA_VERSION),
  spec: z.string(),
  /** The spec folder, when the run was started with a path to it (`ndli run ./my-specs/kanban`): resume loads it from there. */
  specDirectory: z.string().optional(),
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
  best: z.object({ round: z.number(), passed: z.number(), total: z.number(), heldOutPassed: z.number().optional(), heldOutTotal: z.number().optional() }).optional(),
  heldOut: z
    .object({ mode: z.enum(['measure', 'reveal']), revealedFromRound: z.number().int().optional().describe('reveal: the first round whose FIX blockers include held-out failures') })
    .optional()
    .describe('The spec holds tests out: how the run treats them'),
  resumes: z.number().int().default(0),
  restarts: z.number().int().default(0).describe('Fresh starts after stagnation so far'),
});
export type RunMetadata = z.infer<typeof RunMetadataSchema>;
