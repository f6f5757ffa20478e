import { z } from 'zod';

/**
 * Everything a run can be configured with, from `ndli.config.ts` / `.json` and CLI flags (flags win).
 * Defaults are the seed's where it had one (MAX_REFINEMENTS = 12, MIN_SOLVE_PER_ITERATION = 2).
 */
export const NdliConfigSchema = z
  .object({
    model: z.string().min(1).optional().describe('Model string, e.g. lmstudio/qwen2.5-coder-7b-instruct or ollama/qwen2.5-coder:7b'),
    baseUrl: z.string().url().optional().describe('Base URL of the model server (LM Studio ws://127.0.0.1:1234, OpenAI-compatible http://…/v1)'),
    apiKey: z.string().optional().describe('API key for OpenAI-compatible servers that need one'),
    temperature: z.number().min(0).max(2).default(0.2),
    maxTokens: z.number().int().positive().default(8192).describe('Max completion tokens per model call'),
    seed: z.number().int().optional(),
    // A generation on a local GPU can take many minutes while tokens keep coming: silence is what ends a call.
    requestTimeoutMs: z.number().int().positive().default(1_800_000).describe('Total limit of one model call (a backstop; silence ends a call first)'),
    idleTimeoutMs: z.number().int().positive().default(120_000).describe('A model call with no token for this long is ended (streaming servers)'),
    serverRetries: z.number().int().min(0).default(3).describe('Retries of transient server faults (HTTP 5xx/408/429, dropped connections) per call'),
    serverRetryWaitMs: z.number().int().min(0).default(30_000).describe('Longest total wait between server-fault retries of one call'),
    maxRefinements: z.number().int().min(0).default(12),
    minSolvePerIteration: z.number().int().min(1).default(2),
    maxRetries: z.number().int().min(0).default(2).describe('Retries of a phase whose output is malformed'),
    refineStallLimit: z.number().int().min(1).default(2).describe('Short REFINE rounds in a row (fewer open tasks resolved than minSolvePerIteration) that end refinement'),
    refineOutput: z
      .enum(['changes', 'full'])
      .default('changes')
      .describe('REFINE answers list only added/rewritten solved tasks (changes), or the complete state as the seed did (full)'),
    maxRounds: z.number().int().min(1).default(5).describe('Generate→test rounds (the first plus FIX rounds)'),
    stallRounds: z
      .number()
      .int()
      .min(0)
      .default(2)
      .describe('Consecutive rounds failing the same set of tests that count as stagnation (0 = never): a fresh start, or the end as stalled'),
    maxRestarts: z
      .number()
      .int()
      .min(0)
      .default(1)
      .describe('Fresh INITs (new decomposition, failing behaviours as pitfalls) after stagnation before the run ends stalled'),
    budgets: z
      .object({
        maxTotalTokens: z.number().int().positive().optional(),
        maxWallTimeMs: z.number().int().positive().optional(),
      })
      .default({}),
    outputDir: z.string().min(1).default('output'),
    specsDir: z.string().optional().describe('Folder holding the target app spec folders (default: ./specs found upward)'),
    record: z.boolean().default(true).describe('Record a replayable transcript of every model call in the run directory'),
    browserPath: z.string().optional().describe('Chromium executable for Ralph (default: Playwright’s, else /usr/bin/chromium)'),
    judgeWorkers: z.number().int().positive().optional().describe('Playwright workers per verdict (default: 2, or 1 on a single core)'),
    candidates: z
      .number({ error: 'candidates must be a whole number ≥ 1' })
      .int('candidates must be a whole number ≥ 1')
      .min(1, 'candidates must be at least 1 (one artifact per round is the default)')
      .default(1)
      .describe('Artifacts per round, all judged; the round keeps the best by visible tests passed'),
    candidateScope: z
      .enum(['generate', 'loop'])
      .default('generate')
      .describe('generate: N GENERATE calls from the round’s final state (distinct seeds); loop: N independent inner loops'),
    heldOut: z
      .enum(['measure', 'reveal'])
      .default('reveal')
      .describe('Visible tests green but held-out ones failing: measure ends the run `overfit`; reveal makes those failures FIX blockers from then on (`ndli bench` defaults to measure)'),
    concurrency: z
      .number({ error: 'concurrency must be a whole number ≥ 1' })
      .int('concurrency must be a whole number ≥ 1')
      .min(1, 'concurrency must be at least 1 (model calls in flight)')
      .default(1)
      .describe('Model calls in flight against the server; calls beyond it wait'),
  })
  .strict()
  .superRefine((config, context) => {
    // Calls in flight are not stopped before they answer: K of them can each spend up to maxTokens past the budget.
    const budget = config.budgets.maxTotalTokens;
    if (budget !== undefined && config.concurrency > 1 && config.concurrency * config.maxTokens > budget) {
      context.addIssue({
        code: 'custom',
        path: ['concurrency'],
        message: `${config.concurrency} calls in flight of up to ${config.maxTokens} completion tokens each could spend ${config.concurrency * config.maxTokens} tokens, more than the whole token budget (${budget}); lower --concurrency or --max-tokens, or raise --max-total-tokens`,
      });
    }
  });

export type NdliConfig = z.infer<typeof NdliConfigSchema>;
export type NdliConfigInput = z.input<typeof NdliConfigSchema>;

/** Typed helper for `ndli.config.ts`: `export default defineConfig({ model: 'lmstudio/…' })`. */
export function defineConfig(config: NdliConfigInput): NdliConfigInput {
  return config;
}
