import type { ReasoningState } from './run-schemas.js';

export interface RewrittenTask {
  name: string;
  before: string;
  after: string;
}

/** What changed from one reasoning state to the next, by task name (names are unique within a state). */
export interface StateDiff {
  /** Tasks not in the previous state at all. */
  added: string[];
  /** Unsolved before, solved now. */
  resolved: string[];
  /** Solved in both, with different code. */
  rewritten: RewrittenTask[];
  /** Unsolved in both. */
  stillOpen: string[];
  /** Solved before, unsolved now. */
  reopened: string[];
  /** In the previous state, gone now (a REFINE may drop a task without solving it). */
  dropped: string[];
  blockerAnswersAdded: string[];
}

const EMPTY_STATE: ReasoningState = { solved_tasks: [], unsolved_tasks: [], blocker_answers: [] };

/** Compares two states; with no previous state (INIT, a fresh start) every task counts as added. */
export function diffStates(previous: ReasoningState | undefined, current: ReasoningState): StateDiff {
  const before = previous ?? EMPTY_STATE;
  const solvedBefore = new Map(before.solved_tasks.map((task) => [task.name, task.solution_code]));
  const unsolvedBefore = new Set(before.unsolved_tasks.map((task) => task.name));
  const namesNow = new Set([...current.solved_tasks, ...current.unsolved_tasks].map((task) => task.name));
  const known = (name: string) => solvedBefore.has(name) || unsolvedBefore.has(name);
  const answersBefore = new Set(before.blocker_answers);
  return {
    added: [...current.solved_tasks, ...current.unsolved_tasks].map((task) => task.name).filter((name) => !known(name)),
    resolved: current.solved_tasks.map((task) => task.name).filter((name) => unsolvedBefore.has(name) && !solvedBefore.has(name)),
    rewritten: current.solved_tasks.flatMap((task) => {
      const old = solvedBefore.get(task.name);
      return old !== undefined && old !== task.solution_code ? [{ name: task.name, before: old, after: task.solution_code }] : [];
    }),
    stillOpen: current.unsolved_tasks.map((task) => task.name).filter((name) => unsolvedBefore.has(name)),
    reopened: current.unsolved_tasks.map((task) => task.name).filter((name) => solvedBefore.has(name)),
    dropped: [...solvedBefore.keys(), ...unsolvedBefore].filter((name, index, all) => !namesNow.has(name) && all.indexOf(name) === index),
    blockerAnswersAdded: current.blocker_answers.filter((answer) => !answersBefore.has(answer)),
  };
}
