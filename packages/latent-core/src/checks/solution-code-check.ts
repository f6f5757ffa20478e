import type { ReasoningState } from '../reasoning-state.js';
import { detectCodeLanguage } from './code-language.js';

/**
 * The seed's promise: "the model can't hallucinate that it solved a task — either solution_code has
 * valid code or it doesn't". With `previous`, solutions carried over unchanged are not judged again:
 * only what the model wrote this round can fail (a state from elsewhere, e.g. the Python tool, may
 * hold older solutions this check would not have let through, and no retry can change those).
 * Unusable (costs a retry): prose is no code to keep, and dropping the task would lose the claim.
 */
export function findProseSolutions(state: ReasoningState, previous?: ReasoningState): string[] {
  const unchanged = new Set((previous?.solved_tasks ?? []).map((task) => `${task.name}\u0000${task.solution_code}`));
  return state.solved_tasks.flatMap((task, index) =>
    !unchanged.has(`${task.name}\u0000${task.solution_code}`) && detectCodeLanguage(task.solution_code) === undefined
      ? [
          `solved_tasks.${index}.solution_code ("${task.name}") is not parseable code (JavaScript, HTML or CSS); ` +
            'write the COMPLETE code, not a description, or move the task to unsolved_tasks with specific blockers',
        ]
      : [],
  );
}
