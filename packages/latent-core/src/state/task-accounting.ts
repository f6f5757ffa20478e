import type { ReasoningState, ReasoningStateAnswer, SolvedTask, UnsolvedTask } from '../reasoning-state.js';

/**
 * How a REFINE answer lists solved tasks. `full` (the seed's): the complete new state, so a solved
 * task left out was dropped. `changes`: only solved tasks added or rewritten; one left out is unchanged.
 * Open tasks are listed completely in both.
 */
export type RefineOutput = 'changes' | 'full';

export interface TaskAccounting {
  /** The complete next state: the answer merged into the previous state, every lost task put back. */
  state: ReasoningState;
  /** Open tasks of the previous state resolved by this answer (solved by name, or named in `resolves` of new or rewritten code). */
  resolved: string[];
  /** Solved tasks whose code is new or rewritten in this answer. */
  written: string[];
  /** Why the answer must be retried; each is phrased for the model. Empty when every task is accounted for. */
  issues: string[];
}

function byName<TASK extends { name: string }>(tasks: readonly TASK[]): Map<string, TASK> {
  return new Map(tasks.map((task) => [task.name, task]));
}

/** New or rewritten solved tasks: a re-listed task with the same code is not a change. */
function writtenTasks(previousSolved: ReadonlyMap<string, SolvedTask>, answer: ReasoningStateAnswer): SolvedTask[] {
  return answer.solved_tasks.filter((task) => previousSolved.get(task.name)?.solution_code !== task.solution_code);
}

/** Previous solved tasks in their order (rewritten ones replaced), then the new ones. */
function mergeSolved(previous: readonly SolvedTask[], written: readonly SolvedTask[]): SolvedTask[] {
  const writtenByName = byName(written);
  const kept = previous.map((task) => writtenByName.get(task.name) ?? task);
  const previousNames = new Set(previous.map((task) => task.name));
  return [...kept, ...written.filter((task) => !previousNames.has(task.name))];
}

/**
 * Every task of the previous state must be, in the next one, solved (new code, or code rewritten in
 * this answer that names it in `resolves`) or still unsolved — never gone. This is what stops a model
 * from "solving" a task by deleting it. The returned state is always complete: whatever the answer
 * lost is put back (a dropped open task stays open, a solved task stays solved), so when retries run
 * out the loop can keep it and nothing already solved is lost.
 */
export function accountTasks(previous: ReasoningState, answer: ReasoningStateAnswer, mode: RefineOutput): TaskAccounting {
  const previousSolved = byName(previous.solved_tasks);
  const previousOpen = byName(previous.unsolved_tasks);
  const answerOpen = byName(answer.unsolved_tasks);
  const answerSolvedNames = new Set(answer.solved_tasks.map((task) => task.name));
  const written = writtenTasks(previousSolved, answer);
  const issues: string[] = [];

  const resolved = new Set(written.filter((task) => previousOpen.has(task.name)).map((task) => task.name));
  const knownNames = new Set([...previousSolved.keys(), ...previousOpen.keys()]);
  for (const task of written) {
    for (const name of task.resolves ?? []) {
      if (previousOpen.has(name) && answerOpen.has(name)) {
        issues.push(`the solved task "${task.name}" resolves "${name}", but "${name}" is still in unsolved_tasks; remove it from unsolved_tasks or from resolves`);
      } else if (previousOpen.has(name)) {
        resolved.add(name);
      } else if (!knownNames.has(name) || previousSolved.has(name)) {
        issues.push(`the solved task "${task.name}" resolves "${name}", which is not an unsolved task; resolves may only name tasks from unsolved_tasks`);
      }
    }
  }

  const movedBack = previous.solved_tasks.filter((task) => answerOpen.has(task.name) && !answerSolvedNames.has(task.name));
  for (const task of movedBack) {
    issues.push(
      `the solved task "${task.name}" was moved back to unsolved_tasks; a solved task stays solved: to fix it, give a solved task with the same name and the corrected complete code`,
    );
  }
  if (mode === 'full') {
    for (const task of previous.solved_tasks) {
      if (!answerSolvedNames.has(task.name) && !answerOpen.has(task.name)) {
        issues.push(`the solved task "${task.name}" is missing; return every solved task (unchanged unless you fix it)`);
      }
    }
  }

  const newOpenNames = answer.unsolved_tasks.filter((task) => !knownNames.has(task.name)).map((task) => task.name);
  const dropped = previous.unsolved_tasks.filter((task) => !resolved.has(task.name) && !answerOpen.has(task.name));
  for (const task of dropped) {
    const claimed = answer.solved_tasks.find((solved) => solved.resolves?.includes(task.name) && !written.includes(solved));
    const why = claimed ? ` (the solved task "${claimed.name}" names it in resolves, but its code is unchanged, so it resolves nothing)` : '';
    const rename = newOpenNames.length > 0 ? ` If ${newOpenNames.map((name) => `"${name}"`).join(' or ')} is "${task.name}" renamed, keep the name "${task.name}": task names never change.` : '';
    issues.push(
      `the unsolved task "${task.name}" is missing without being solved${why}: keep it in unsolved_tasks with its remaining blockers, ` +
        `or resolve it with code (a solved task named "${task.name}", or new or rewritten solved code whose resolves lists "${task.name}").${rename}`,
    );
  }

  const movedBackNames = new Set(movedBack.map((task) => task.name));
  const unsolved: UnsolvedTask[] = [
    ...answer.unsolved_tasks.filter((task) => !movedBackNames.has(task.name) && !answerSolvedNames.has(task.name)),
    ...dropped,
  ];
  const previousAnswers = new Set(previous.blocker_answers);
  const state: ReasoningState = {
    solved_tasks: mergeSolved(previous.solved_tasks, written),
    unsolved_tasks: unsolved,
    blocker_answers: [...previous.blocker_answers, ...answer.blocker_answers.filter((text) => !previousAnswers.has(text))],
    ...(previous.retired_blocker_answers ? { retired_blocker_answers: previous.retired_blocker_answers } : {}),
  };
  return { state, resolved: previous.unsolved_tasks.map((task) => task.name).filter((name) => resolved.has(name)), written: written.map((task) => task.name), issues };
}
