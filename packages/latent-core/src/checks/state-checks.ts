import type { ReasoningState } from '../reasoning-state.js';
import { findProseSolutions } from './solution-code-check.js';
import { findDuplicateTaskNames, findTasksBothSolvedAndUnsolved } from './task-name-checks.js';

/**
 * The checks after zod that reject an answer: each finds something the loop cannot use without loss,
 * so each costs a retry (its issue is phrased for the model to act on). Mechanical slips the loop can
 * mend without loss are not here: REFINE's `accountTasks` mends them at once (see `state/mends.ts`).
 *
 * - duplicate task names in a list (`findDuplicateTaskNames`): two tasks, one name — which code or which
 *   blockers are meant is ambiguous, and keeping either loses the other;
 * - a task both solved and unsolved (`findTasksBothSolvedAndUnsolved`): is its code final or not?
 *   Keeping the code loses the blockers, keeping the blockers loses the code;
 * - solution code that does not parse (`findProseSolutions`): prose or pseudo-code is no code to keep;
 * - no task at all: the answer says nothing (INIT: no decomposition; REFINE: a non-answer, whose only
 *   "mend" would be the previous state, a round spent for nothing).
 *
 * Not JSON, a schema mismatch and truncation are rejected before these, by the provider with zod.
 *
 * `answer` is what the model wrote; `merged` (REFINE) the complete state it makes, whose new code is
 * checked (solutions carried over unchanged from `previous` are exempt from the code check).
 */
export function checkReasoningState(answer: ReasoningState, previous?: ReasoningState, merged: ReasoningState = answer): string[] {
  const issues = [...findDuplicateTaskNames(answer), ...findTasksBothSolvedAndUnsolved(answer), ...findProseSolutions(merged, previous)];
  if (answer.solved_tasks.length === 0 && answer.unsolved_tasks.length === 0) {
    issues.push(
      previous
        ? 'the answer has no task at all; list every task still unsolved, and the solved tasks you add or rewrite'
        : 'the state has no tasks at all; decompose the application into solved and unsolved tasks',
    );
  }
  return issues;
}
