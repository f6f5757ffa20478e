import { callWithRetries } from '../call-with-retries.js';
import { reasoningStateCallSchema } from '../call-schema.js';
import { checkReasoningState } from '../checks/state-checks.js';
import { refineTarget } from '../loop/loop-policy.js';
import type { PhaseContext, PhaseOutcome } from '../phase-context.js';
import { renderPrompt } from '../prompts.js';
import {
  REASONING_STATE_SCHEMA_NAME,
  ReasoningStateAnswerSchema,
  countBlockers,
  type ReasoningState,
} from '../reasoning-state.js';
import { boundBlockerAnswers } from '../state/blocker-answers.js';
import type { Mend } from '../state/mends.js';
import { accountTasks } from '../state/task-accounting.js';

export interface RefinePhaseInput {
  context: PhaseContext;
  task: string;
  artifactFileName: string;
  /** The complete state before this round. */
  state: ReasoningState;
  /** REFINE round, 1-based. */
  iteration: number;
}

export interface RefineResult {
  /** The complete state after this round (the answer merged in, blocker answers bounded): what is saved. */
  state: ReasoningState;
  /** Progress: open tasks of the state before that this round resolved. */
  resolved: string[];
  /** Solved tasks whose code this round added or rewrote. */
  written: string[];
  /** Solved names that were not solved before (a subset of `written`). */
  newlySolved: string[];
  /** Mechanical slips of the answer the loop mended without a retry. */
  mends: Mend[];
}

/** The state as the model sees it: retired answers are the loop's bookkeeping, not context. */
function promptState(state: ReasoningState): ReasoningState {
  const { retired_blocker_answers: _retired, ...visible } = state;
  return visible;
}

/**
 * REFINE: in a fresh chat holding only the task and the current state, answer blockers and resolve
 * open tasks. In `changes` mode (default) the answer lists only added or rewritten solved tasks;
 * in `full` mode every solved task. Either way the loop merges it into the complete state, and every
 * task must be accounted for. Repair first: a mechanical slip (a bad `resolves` entry, a dropped open
 * task, a solved task left out, a blocker answer given twice) is mended at once, with a warning, and
 * costs no retry; only what cannot be mended without loss (see `checkReasoningState`, and a moved-back task) is
 * stated in a retry. The JSON schema is built from the state (`resolves` items: the open task names).
 */
export async function refinePhase(input: RefinePhaseInput): Promise<PhaseOutcome<RefineResult>> {
  const { state: previous, context } = input;
  const { settings } = context;
  const full = settings.refineOutput === 'full';
  const prompt = renderPrompt(full ? 'refine-full' : 'refine', {
    task: input.task,
    artifact_file_name: input.artifactFileName,
    iteration: input.iteration,
    state_json: JSON.stringify(promptState(previous), null, 2),
    blocker_count: countBlockers(previous),
    min_solve: refineTarget(settings.minSolvePerIteration, previous.unsolved_tasks.length),
  });
  const previousSolved = new Set(previous.solved_tasks.map((task) => task.name));
  const callSchema = reasoningStateCallSchema(previous);
  return callWithRetries(context, {
    phase: 'refine',
    iteration: input.iteration,
    system: prompt.system,
    prompt: prompt.user,
    schema: ReasoningStateAnswerSchema,
    jsonSchema: callSchema.jsonSchema,
    schemaFallback: callSchema.fallback,
    schemaName: REASONING_STATE_SCHEMA_NAME,
    check: (answer) => {
      const accounting = accountTasks(previous, answer, settings.refineOutput);
      const state = boundBlockerAnswers(accounting.state, settings.maxBlockerAnswers);
      const value: RefineResult = {
        state,
        resolved: accounting.resolved,
        written: accounting.written,
        newlySolved: accounting.written.filter((name) => !previousSolved.has(name)),
        mends: accounting.mends,
      };
      // What no mend can use costs a retry (see `checkReasoningState`), as does a moved-back task (`accountTasks`).
      const unrepairable = checkReasoningState(answer, previous, accounting.state);
      const repairs = accounting.issues.map((issue) => `REFINE round ${input.iteration}, out of attempts: ${issue} — kept as it was`);
      return {
        value,
        issues: [...unrepairable, ...accounting.issues],
        mends: accounting.mends,
        warnings: [],
        fallback: unrepairable.length === 0 ? { value, warnings: repairs, mends: accounting.mends } : undefined,
      };
    },
  });
}
