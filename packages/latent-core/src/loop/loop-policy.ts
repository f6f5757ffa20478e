import type { EndReason } from '../events.js';
import type { ReasoningState } from '../reasoning-state.js';
import type { LatentSettings } from '../settings.js';

/**
 * The loop's "what next", as pure predicates: no I/O, so every end of refinement is tested alone.
 * Progress is open tasks resolved, never new solved names: rewriting code to fix a task counts,
 * inventing a task does not.
 */

/** How many open tasks a REFINE round should resolve: the seed's MIN_SOLVE_PER_ITERATION, or every open task when fewer remain. */
export function refineTarget(minSolvePerIteration: number, openTasks: number): number {
  return Math.min(minSolvePerIteration, Math.max(openTasks, 1));
}

/** A round is short when it resolved fewer open tasks than its target (a failed round resolved none). */
export function isShortRound(resolved: number, openBefore: number, minSolvePerIteration: number): boolean {
  return resolved < refineTarget(minSolvePerIteration, openBefore);
}

/** Short rounds in a row after this round: a round that met its target resets the streak. */
export function shortStreakAfter(streak: number, short: boolean): number {
  return short ? streak + 1 : 0;
}

export interface LoopPosition {
  state: ReasoningState;
  refinements: number;
  shortStreak: number;
}

export type NextStep = { kind: 'refine'; iteration: number } | { kind: 'generate'; endReason: Exclude<EndReason, 'one-shot'> };

/** After INIT/FIX or a REFINE round: refine again, or stop refining and say why (checked in the seed's order). */
export function nextStep(position: LoopPosition, settings: Pick<LatentSettings, 'stallLimit' | 'maxRefinements'>): NextStep {
  if (position.state.unsolved_tasks.length === 0) return { kind: 'generate', endReason: 'all-solved' };
  if (position.shortStreak >= settings.stallLimit) return { kind: 'generate', endReason: 'stalled' };
  if (position.refinements >= settings.maxRefinements) return { kind: 'generate', endReason: 'max-refinements' };
  return { kind: 'refine', iteration: position.refinements + 1 };
}

/** Why refinement ended at `position`, when it is known to have ended (e.g. resumed after state_final.json). */
export function endReasonAt(position: LoopPosition, settings: Pick<LatentSettings, 'stallLimit'>): Exclude<EndReason, 'one-shot'> {
  const step = nextStep(position, { stallLimit: settings.stallLimit, maxRefinements: 0 });
  return step.kind === 'generate' ? step.endReason : 'max-refinements';
}
