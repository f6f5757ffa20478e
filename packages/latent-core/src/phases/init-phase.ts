import { callWithRetries } from '../call-with-retries.js';
import { checkReasoningState } from '../checks/state-checks.js';
import type { PhaseContext, PhaseOutcome } from '../phase-context.js';
import { renderPrompt } from '../prompts.js';
import {
  REASONING_STATE_SCHEMA_NAME,
  ReasoningStateSchema,
  reasoningStateJsonSchema,
  type ReasoningState,
} from '../reasoning-state.js';

export interface InitPhaseInput {
  context: PhaseContext;
  task: string;
  artifactFileName: string;
}

/** INIT: decompose the task; WRITE code for what the model knows, ASK specific blockers for the rest. */
export async function initPhase(input: InitPhaseInput): Promise<PhaseOutcome<ReasoningState>> {
  const prompt = renderPrompt('init', { task: input.task, artifact_file_name: input.artifactFileName });
  return callWithRetries(input.context, {
    phase: 'init',
    iteration: 0,
    system: prompt.system,
    prompt: prompt.user,
    schema: ReasoningStateSchema,
    jsonSchema: reasoningStateJsonSchema,
    schemaName: REASONING_STATE_SCHEMA_NAME,
    check: (state) => ({ value: state, issues: checkReasoningState(state), warnings: [] }),
  });
}
