import { callWithRetries } from '../call-with-retries.js';
import type { PhaseContext, PhaseOutcome } from '../phase-context.js';
import { renderPrompt } from '../prompts.js';
import {
  GENERATED_ARTIFACT_SCHEMA_NAME,
  GeneratedArtifactSchema,
  generatedArtifactJsonSchema,
  type GeneratedArtifact,
} from '../reasoning-state.js';
import { checkGeneratedArtifact } from './generate-phase.js';

export interface OneShotPhaseInput {
  context: PhaseContext;
  task: string;
  artifactFileName: string;
}

/** The ablation baseline: one GENERATE call from the task alone, no reasoning state. */
export async function oneShotPhase(input: OneShotPhaseInput): Promise<PhaseOutcome<GeneratedArtifact>> {
  const prompt = renderPrompt('one-shot', { task: input.task, artifact_file_name: input.artifactFileName });
  return callWithRetries(input.context, {
    phase: 'one-shot',
    iteration: 0,
    system: prompt.system,
    prompt: prompt.user,
    schema: GeneratedArtifactSchema,
    jsonSchema: generatedArtifactJsonSchema,
    schemaName: GENERATED_ARTIFACT_SCHEMA_NAME,
    check: checkGeneratedArtifact,
  });
}
