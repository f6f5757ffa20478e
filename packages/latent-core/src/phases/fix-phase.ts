import { z } from 'zod';
import { findDuplicateTaskNames, findTasksBothSolvedAndUnsolved } from '../checks/task-name-checks.js';
import { LatentInputError } from '../errors.js';
import { FixFailureSchema, ReasoningStateSchema, type FixFailure, type ReasoningState, type UnsolvedTask } from '../reasoning-state.js';

export interface FixPhaseInput {
  /** The last state of the run that produced the failing artifact, e.g. its state_final.json as read (validated here). */
  previousState: unknown;
  /** Failing behaviours from the judge, shaped like `UnsolvedTask` (validated here: they cross a package boundary). */
  failures: readonly FixFailure[];
}

function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}

/** `name`, else `name_fix`, `name_fix_2`, … : the first not taken. */
function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let counter = 1; ; counter += 1) {
    const candidate = counter === 1 ? `${name}_fix` : `${name}_fix_${counter}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * FIX: the failures enter the last state as new unsolved tasks (first in the list), blockers and all.
 * Deterministic, no model call: the REFINE rounds that follow answer them and may replace the buggy
 * solved tasks by name. A failure whose name is taken gets a `_fix` suffix.
 */
export async function fixPhase(input: FixPhaseInput): Promise<ReasoningState> {
  const state = ReasoningStateSchema.safeParse(input.previousState);
  if (!state.success) throw new LatentInputError('FIX: the previous state is not a valid reasoning state', formatIssues(state.error));
  const failures = z.array(FixFailureSchema).min(1).safeParse(input.failures);
  if (!failures.success) throw new LatentInputError('FIX: the failures are not valid unsolved tasks', formatIssues(failures.error));

  const inconsistent = [...findDuplicateTaskNames(state.data), ...findTasksBothSolvedAndUnsolved(state.data)];
  if (inconsistent.length > 0) throw new LatentInputError('FIX: the previous state is inconsistent', inconsistent);

  const taken = new Set([...state.data.solved_tasks, ...state.data.unsolved_tasks].map((task) => task.name));
  const added: UnsolvedTask[] = failures.data.map((failure) => {
    const name = uniqueName(failure.name, taken);
    taken.add(name);
    return { ...failure, name };
  });
  return {
    solved_tasks: state.data.solved_tasks,
    unsolved_tasks: [...added, ...state.data.unsolved_tasks],
    blocker_answers: state.data.blocker_answers,
  };
}
