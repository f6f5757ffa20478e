import type { ReasoningState } from '../reasoning-state.js';
import { findProseSolutions } from './solution-code-check.js';
import { findDuplicateTaskNames, findTasksBothSolvedAndUnsolved } from './task-name-checks.js';

/**
 * Every check a reasoning state passes after zod; each issue is phrased for the model to act on in a
 * retry. `previous` (REFINE) exempts solutions carried over unchanged from the code check.
 */
export function checkReasoningState(state: ReasoningState, previous?: ReasoningState): string[] {
  const issues = [...findDuplicateTaskNames(state), ...findTasksBothSolvedAndUnsolved(state), ...findProseSolutions(state, previous)];
  if (state.solved_tasks.length === 0 && state.unsolved_tasks.length === 0) {
    issues.push('the state has no tasks at all; decompose the application into solved and unsolved tasks');
  }
  return issues;
}
