import type { ReasoningState } from '../reasoning-state.js';

export interface PreservedState {
  state: ReasoningState;
  /** Names of solved tasks the model dropped and that were put back. */
  restored: string[];
  warnings: string[];
}

/**
 * A REFINE answer is a complete new state, and models forget things: a solved task missing from it is
 * put back (the earlier code), unless the model gave a solved task with the same name (a fix). A solved
 * task the model moved back to unsolved is restored too (its code is kept; the new questions are dropped).
 * Blocker answers accumulate: earlier answers the model left out are kept.
 */
export function preserveSolvedTasks(previous: ReasoningState, next: ReasoningState): PreservedState {
  const nextSolvedNames = new Set(next.solved_tasks.map((task) => task.name));
  const dropped = previous.solved_tasks.filter((task) => !nextSolvedNames.has(task.name));
  const droppedNames = new Set(dropped.map((task) => task.name));
  const warnings = dropped.map((task) => {
    const movedBack = next.unsolved_tasks.some((unsolved) => unsolved.name === task.name);
    return movedBack
      ? `REFINE moved the solved task "${task.name}" back to unsolved; restored its earlier solution (to fix it, give a solved task with the same name)`
      : `REFINE dropped the solved task "${task.name}"; restored its earlier solution`;
  });
  const previousAnswers = new Set(previous.blocker_answers);
  const state: ReasoningState = {
    solved_tasks: [...next.solved_tasks, ...dropped],
    unsolved_tasks: next.unsolved_tasks.filter((task) => !droppedNames.has(task.name)),
    blocker_answers: [...previous.blocker_answers, ...next.blocker_answers.filter((answer) => !previousAnswers.has(answer))],
  };
  const previousUnsolvedLost = previous.unsolved_tasks.filter(
    (task) => !nextSolvedNames.has(task.name) && !next.unsolved_tasks.some((unsolved) => unsolved.name === task.name),
  );
  for (const task of previousUnsolvedLost) {
    warnings.push(`REFINE dropped the unsolved task "${task.name}" without solving it`);
  }
  return { state, restored: dropped.map((task) => task.name), warnings };
}

/** Names solved in `next` that were not solved in `previous`. */
export function newlySolvedTaskNames(previous: ReasoningState, next: ReasoningState): string[] {
  const before = new Set(previous.solved_tasks.map((task) => task.name));
  return next.solved_tasks.filter((task) => !before.has(task.name)).map((task) => task.name);
}
