import type { ReasoningState } from '../reasoning-state.js';

/**
 * Task names are how REFINE replaces a solved task and how FIX blockers are matched: they must be unique.
 * Unusable (costs a retry): two tasks under one name are ambiguous, and keeping either loses the other.
 */
export function findDuplicateTaskNames(state: ReasoningState): string[] {
  const issues: string[] = [];
  for (const [listName, tasks] of [
    ['solved_tasks', state.solved_tasks],
    ['unsolved_tasks', state.unsolved_tasks],
  ] as const) {
    const seen = new Set<string>();
    const reported = new Set<string>();
    for (const task of tasks) {
      if (seen.has(task.name) && !reported.has(task.name)) {
        issues.push(`${listName}: the task name "${task.name}" appears more than once; task names must be unique`);
        reported.add(task.name);
      }
      seen.add(task.name);
    }
  }
  return issues;
}

/**
 * A task is solved or unsolved, never both: otherwise GENERATE would not know whether its code is final.
 * Unusable (costs a retry): keeping the code loses the blockers, keeping the blockers loses the code.
 */
export function findTasksBothSolvedAndUnsolved(state: ReasoningState): string[] {
  const solved = new Set(state.solved_tasks.map((task) => task.name));
  return state.unsolved_tasks
    .filter((task) => solved.has(task.name))
    .map((task) => `the task "${task.name}" is in both solved_tasks and unsolved_tasks; keep it in one list only`);
}
