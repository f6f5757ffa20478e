import { z } from 'zod';

/**
 * A mechanical slip in a model's answer that the loop mends at once, without a retry, because the
 * mend loses nothing the answer meant and adds nothing it did not say:
 *
 * - `resolves-unknown-task`: a `resolves` entry naming no open task (an unknown name, a solved task,
 *   a task new in this answer). Dropped: it resolved nothing, so nothing is counted for it.
 * - `resolves-task-still-open`: a `resolves` entry naming a task the same answer still lists as
 *   unsolved. The answer contradicts itself; the entry is dropped and the task stays open, since
 *   counting it resolved could turn a wrong answer into progress, and the next REFINE asks again.
 * - `unsolved-task-restored`: an open task missing from the answer without being resolved (dropped,
 *   or renamed). Put back unsolved, blockers and all: never counted as solved.
 * - `solved-task-carried-over`: a solved task left out of a `full` answer. Its code is carried over
 *   unchanged, as a `changes` answer would have it.
 * - `blocker-answers-merged`: the same blocker answer given more than once in one answer (case,
 *   spacing and a final full stop aside). Kept once.
 *
 * Every mend is a `warning` event, is written to the call record (`mends`) and to the round's entry
 * in run_metadata.json (`iterations[].mends`). Answers the loop cannot use without loss (not JSON,
 * a schema mismatch, no task at all, code that does not parse, ambiguous duplicate names, a solved
 * task moved back to unsolved) still cost a retry: see `docs/repairs.md`.
 */
export const MEND_KINDS = ['resolves-unknown-task', 'resolves-task-still-open', 'unsolved-task-restored', 'solved-task-carried-over', 'blocker-answers-merged'] as const;

export const MendSchema = z.object({
  kind: z.enum(MEND_KINDS),
  /** The task the mend is about (the open task restored or named, the solved task carried over); absent for merged answers. */
  task: z.string().optional(),
  /** What was wrong and what the loop did, for the console, `ndli inspect` and `ndli view`. */
  message: z.string(),
});

export type Mend = z.infer<typeof MendSchema>;
export type MendKind = Mend['kind'];
