import { callWithRetries } from '../call-with-retries.js';
import { INIT_REASONING_STATE_JSON_SCHEMA } from '../call-schema.js';
import { checkReasoningState } from '../checks/state-checks.js';
import type { PhaseContext, PhaseOutcome } from '../phase-context.js';
import { renderPrompt } from '../prompts.js';
import {
  REASONING_STATE_SCHEMA_NAME,
  ReasoningStateAnswerSchema,
  type FixFailure,
  type ReasoningState,
} from '../reasoning-state.js';
import { failingBehavioursSection } from './failing-behaviours.js';

export interface InitPhaseInput {
  context: PhaseContext;
  task: string;
  artifactFileName: string;
  /** Failing behaviours of earlier attempts (after the outer loop's fresh start): listed as pitfalls to avoid. */
  pitfalls?: readonly FixFailure[] | undefined;
}

const PITFALLS_HEADING = 'Known pitfalls: an earlier attempt at this application failed these behaviours. Get each of them right in your tasks and code:';

/** INIT: decompose the task; WRITE code for what the model knows, ASK specific blockers for the rest. */
export async function initPhase(input: InitPhaseInput): Promise<PhaseOutcome<ReasoningState>> {
  const prompt = renderPrompt('init', {
    task: input.task,
    artifact_file_name: input.artifactFileName,
    pitfalls: failingBehavioursSection(PITFALLS_HEADING, input.pitfalls),
  });
  return callWithRetries(input.context, {
    phase: 'init',
    iteration: 0,
    system: prompt.system,
    prompt: prompt.user,
    schema: ReasoningStateAnswerSchema,
    jsonSchema: INIT_REASONING_STATE_JSON_SCHEMA,
    schemaName: REASONING_STATE_SCHEMA_NAME,
    check: (state) => ({ value: state, issues: checkReasoningState(state), warnings: [] }),
  });
}
