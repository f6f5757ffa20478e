import { z } from 'zod';
import { LatentInputError } from './errors.js';

/** Loop settings with the seed's defaults (MAX_REFINEMENTS = 12, MIN_SOLVE_PER_ITERATION = 2). */
export const LatentSettingsSchema = z.object({
  maxRefinements: z.number().int().min(0).default(12).describe('Most REFINE rounds; 0 goes straight from INIT to GENERATE.'),
  minSolvePerIteration: z
    .number()
    .int()
    .min(1)
    .default(2)
    .describe('Open tasks each REFINE round should resolve; a round resolving fewer (of those open) is "short".'),
  maxRetries: z.number().int().min(0).default(2).describe('Fresh-chat retries of a call whose output is bad.'),
  stallLimit: z.number().int().min(1).default(2).describe('Short REFINE rounds in a row (fewer open tasks resolved than minSolvePerIteration) that end refinement.'),
  refineOutput: z
    .enum(['changes', 'full'])
    .default('changes')
    .describe('What a REFINE answer lists: only added or rewritten solved tasks (changes), or every solved task (full, the seed).'),
  maxBlockerAnswers: z.number().int().min(1).default(40).describe('Most blocker answers carried in the state; older ones are retired.'),
  temperature: z.number().min(0).max(2).default(0.2),
  maxTokens: z.number().int().positive().default(8192),
  seed: z.number().int().optional(),
});

export type LatentSettings = z.infer<typeof LatentSettingsSchema>;

export function resolveSettings(partial: Partial<LatentSettings> | undefined): LatentSettings {
  const parsed = LatentSettingsSchema.safeParse(partial ?? {});
  if (!parsed.success) {
    throw new LatentInputError(
      'Invalid latent loop settings',
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  return parsed.data;
}
