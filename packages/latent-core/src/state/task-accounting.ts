import type { ReasoningState, ReasoningStateAnswer, SolvedTask, UnsolvedTask } from '../reasoning-state.js';
import { uniqueAnswers } from './blocker-answers.js';
import type { Mend } from './mends.js';

/**
 * How a REFINE answer lists solved tasks. `full` (the seed's): the complete new state, so a solved
 * task left out was dropped. `changes`: only solved tasks added or rewritten; one left out is unchanged.
 * Open tasks are listed completely in both.
 */
export type RefineOutput = 'changes' | 'full';

export interface TaskAccounting {
  /** The complete next state: the answer merged into the previous state, every mechanical slip mended. */
  state: ReasoningState;
  /** Open tasks of the previous state really resolved by this answer (solved by name, or named in a valid `resolves` of new or rewritten code). */
  resolved: string[];
  /** Solved tasks whose code is new or rewritten in this answer. */
  written: string[];
  /** Mechanical slips mended in `state` at once (no retry): see `mends.ts`. */
  mends: Mend[];
  /** What cannot be mended without loss, phrased for the model: these cost a retry. */
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

/** A written task with only its valid `resolves` entries (the field gone when none is left). */
function withResolves(task: SolvedTask, valid: readonly string[]): SolvedTask {
  const { resolves: _all, ...rest } = task;
  return valid.length > 0 ? { ...rest, resolves: [...valid] } : rest;
}

/**
 * `resolves` entries of written tasks: those naming a task open before and no longer listed open resolve
 * it; the others are mended away (an entry that names no open task, or one the answer still lists open).
 */
function accountResolves(written: readonly SolvedTask[], previousOpen: ReadonlyMap<string, UnsolvedTask>, answerOpen: ReadonlyMap<string, UnsolvedTask>) {
  const resolved = new Set(written.filter((task) => previousOpen.has(task.name)).map((task) => task.name));
  const mends: Mend[] = [];
  const tasks = written.map((task) => {
    const valid: string[] = [];
    for (const name of task.resolves ?? []) {
      if (previousOpen.has(name) && answerOpen.has(name)) {
        mends.push({
          kind: 'resolves-task-still-open',
          task: name,
          message: `the solved task "${task.name}" resolves "${name}", but the answer still lists "${name}" as unsolved: the entry was dropped and "${name}" stays open (not counted as resolved)`,
        });
      } else if (previousOpen.has(name)) {
        resolved.add(name);
        if (!valid.includes(name)) valid.push(name);
      } else {
        mends.push({
          kind: 'resolves-unknown-task',
          task: name,
          message: `the solved task "${task.name}" resolves "${name}", which is not an open task: the entry was dropped (it resolves nothing)`,
        });
      }
    }
    return task.resolves === undefined ? task : withResolves(task, valid);
  });
  return { resolved, tasks, mends };
}

/** The answer's blocker answers given twice (same text up to case, spacing and a final full stop) are kept once. */
function mergeAnswerBlockerAnswers(answers: readonly string[]): { answers: string[]; mends: Mend[] } {
  const kept = uniqueAnswers(answers);
  const merged = answers.length - kept.length;
  const mends: Mend[] = merged > 0 ? [{ kind: 'blocker-answers-merged', message: `${merged} blocker answer(s) given twice in the answer were merged (kept once)` }] : [];
  return { answers: kept, mends };
}

/**
 * Every task of the previous state must be, in the next one, solved (new code, or code rewritten in
 * this answer that names it in `resolves`) or still unsolved — never gone. This is what stops a model
 * from "solving" a task by deleting it. Slips that can be mended without loss are mended here at once
 * (see `mends.ts`); what cannot (a solved task moved back to unsolved: its new blockers or its code
 * would be lost) is an issue. The returned state is always complete: whatever the answer lost is put
 * back (a dropped open task stays open, a solved task stays solved), so nothing solved is ever lost.
 */
export function accountTasks(previous: ReasoningState, answer: ReasoningStateAnswer, mode: RefineOutput): TaskAccounting {
  const previousSolved = byName(previous.solved_tasks);
  const previousOpen = byName(previous.unsolved_tasks);
  const answerOpen = byName(answer.unsolved_tasks);
  const answerSolvedNames = new Set(answer.solved_tasks.map((task) => task.name));
  const rawWritten = writtenTasks(previousSolved, answer);
  const { resolved, tasks: written, mends } = accountResolves(rawWritten, previousOpen, answerOpen);
  const issues: string[] = [];

  // Not mended: the answer says a solved task is open again. Keeping the code loses the model's new blockers; dropping it loses code.
  const movedBack = previous.solved_tasks.filter((task) => answerOpen.has(task.name) && !answerSolvedNames.has(task.name));
  for (const task of movedBack) {
    issues.push(
      `the solved task "${task.name}" was moved back to unsolved_tasks; a solved task stays solved: to fix it, give a solved task with the same name and the corrected complete code`,
    );
  }
  if (mode === 'full') {
    for (const task of previous.solved_tasks) {
      if (!answerSolvedNames.has(task.name) && !answerOpen.has(task.name)) {
        mends.push({ kind: 'solved-task-carried-over', task: task.name, message: `the solved task "${task.name}" was left out of the full answer: carried over unchanged` });
      }
    }
  }

  const knownNames = new Set([...previousSolved.keys(), ...previousOpen.keys()]);
  const newOpenNames = answer.unsolved_tasks.filter((task) => !knownNames.has(task.name)).map((task) => task.name);
  const dropped = previous.unsolved_tasks.filter((task) => !resolved.has(task.name) && !answerOpen.has(task.name));
  for (const task of dropped) {
    const claimed = answer.solved_tasks.find((solved) => solved.resolves?.includes(task.name) && !rawWritten.includes(solved));
    const why = claimed ? ` (the solved task "${claimed.name}" names it in resolves, but its code is unchanged, so it resolves nothing)` : '';
    const rename = newOpenNames.length > 0 ? `; if ${newOpenNames.map((name) => `"${name}"`).join(' or ')} is "${task.name}" renamed, both stay open` : '';
    mends.push({
      kind: 'unsolved-task-restored',
      task: task.name,
      message: `the unsolved task "${task.name}" is missing from the answer without being solved${why}: restored unsolved with its blockers (not counted as resolved)${rename}`,
    });
  }

  const movedBackNames = new Set(movedBack.map((task) => task.name));
  const unsolved: UnsolvedTask[] = [
    ...answer.unsolved_tasks.filter((task) => !movedBackNames.has(task.name) && !answerSolvedNames.has(task.name)),
    ...dropped,
  ];
  const blockerAnswers = mergeAnswerBlockerAnswers(answer.blocker_answers);
  mends.push(...blockerAnswers.mends);
  const previousAnswers = new Set(previous.blocker_answers);
  const state: ReasoningState = {
    solved_tasks: mergeSolved(previous.solved_tasks, written),
    unsolved_tasks: unsolved,
    blocker_answers: [...previous.blocker_answers, ...blockerAnswers.answers.filter((text) => !previousAnswers.has(text))],
    ...(previous.retired_blocker_answers ? { retired_blocker_answers: previous.retired_blocker_answers } : {}),
  };
  return {
    state,
    resolved: previous.unsolved_tasks.map((task) => task.name).filter((name) => resolved.has(name)),
    written: written.map((task) => task.name),
    mends,
    issues,
  };
}
