import { callWithRetries } from '../call-with-retries.js';
import { newlySolvedTaskNames, preserveSolvedTasks } from '../checks/preserve-solved-tasks.js';
import { checkReasoningState } from '../checks/state-checks.js';
import type { PhaseContext, PhaseOutcome } from '../phase-context.js';
import { renderPrompt } from '../prompts.js';
import {
  REASONING_STATE_SCHEMA_NAME,
  ReasoningStateSchema,
  countBlockers,
  reasoningStateJsonSchema,
  type ReasoningState,
} from '../reasoning-state.js';

export interface RefinePhaseInput {
  context: PhaseContext;
  task: string;
  artifactFileName: string;
  state: ReasoningState;
  /** REFINE round, 1-based. */
  iteration: number;
}

export interface RefineResult {
  state: ReasoningState;
  newlySolved: string[];
  /** Solved tasks the model dropped, put back from the previous state. */
  restored: string[];
}

/**
 * REFINE: in a fresh chat holding only the task and the current state, answer blockers and move
 * tasks to solved. A solved task given again under the same name replaces the old one (how fixes land);
 * one left out is restored with a warning.
 */
export async function refinePhase(input: RefinePhaseInput): Promise<PhaseOutcome<RefineResult>> {
  const { state: previous, context } = input;
  const prompt = renderPrompt('refine', {
    task: input.task,
    artifact_file_name: input.artifactFileName,
    iteration: input.iteration,
    state_json: JSON.stringify(previous, null, 2),
    blocker_count: countBlockers(previous),
    min_solve: Math.min(context.settings.minSolvePerIteration, Math.max(previous.unsolved_tasks.length, 1)),
  });
  let restored: string[] = [];
  const outcome = await callWithRetries(context, {
    phase: 'refine',
    iteration: input.iteration,
    system: prompt.system,
    prompt: prompt.user,
    schema: ReasoningStateSchema,
    jsonSchema: reasoningStateJsonSchema,
    schemaName: REASONING_STATE_SCHEMA_NAME,
    check: (next) => {
      const preserved = preserveSolvedTasks(previous, next);
      restored = preserved.restored;
      return { value: preserved.state, issues: checkReasoningState(preserved.state, previous), warnings: preserved.warnings };
    },
  });
  return {
    ...outcome,
    value: { state: outcome.value, newlySolved: newlySolvedTaskNames(previous, outcome.value), restored },
  };
}
