import type { PhaseName } from './errors.js';

/**
 * What the loop reports as it runs, one object per step. Written to `events.jsonl` and passed to
 * `onEvent`; `formatLatentEvent` turns each into the seed tool's console lines.
 */

export type LoopMode = 'fresh' | 'fix' | 'one-shot';
export type EndReason = 'all-solved' | 'stalled' | 'max-refinements' | 'one-shot';
export type RunStatus = 'running' | 'completed' | 'error' | 'interrupted';

export interface TokenTotals {
  prompt: number;
  completion: number;
}

export interface LoopStartEvent {
  type: 'loop-start';
  directory: string;
  mode: LoopMode;
  provider: string;
  modelId: string;
  /** Set when `resume` continued from a state already on disk (its file name), or `complete` when nothing was left to do. */
  resumedFrom: string | undefined;
}

export interface PhaseStartEvent {
  type: 'phase-start';
  phase: PhaseName;
  /** REFINE round (1, 2, …); 0 for the single-shot phases. */
  iteration: number;
  /** Open blockers going into the phase (what REFINE searches answers for). */
  blockers: number;
  /** Failures merged in (FIX only), else 0. */
  failures: number;
}

export interface PhaseEndEvent {
  type: 'phase-end';
  phase: PhaseName;
  iteration: number;
  solved: number;
  unsolved: number;
  blockers: number;
  blockerAnswers: number;
  /** Tasks solved in this phase that were not solved before it. */
  newlySolved: number;
  tokens: TokenTotals;
  durationMs: number;
}

export interface RetryEvent {
  type: 'retry';
  phase: PhaseName;
  iteration: number;
  /** The attempt about to start (2 = first retry). */
  attempt: number;
  maxAttempts: number;
  /** Why the previous attempt was rejected. */
  code: string;
  issues: readonly string[];
}

export interface WarningEvent {
  type: 'warning';
  phase: PhaseName | undefined;
  iteration: number;
  message: string;
}

export interface StalledEvent {
  type: 'stalled';
  refinements: number;
  /** REFINE rounds in a row that solved nothing. */
  roundsWithoutProgress: number;
  unsolved: number;
}

export interface AllSolvedEvent {
  type: 'all-solved';
  refinements: number;
}

export interface MaxRefinementsEvent {
  type: 'max-refinements';
  refinements: number;
  unsolved: number;
}

export interface ArtifactSavedEvent {
  type: 'artifact-saved';
  path: string;
  lines: number;
}

export interface LoopEndEvent {
  type: 'loop-end';
  status: Exclude<RunStatus, 'running'>;
  endReason: EndReason | undefined;
  refinements: number;
  calls: number;
  retries: number;
  truncations: number;
  tokens: TokenTotals;
  durationMs: number;
  error: { code: string; message: string } | undefined;
}

export type LatentEvent =
  | LoopStartEvent
  | PhaseStartEvent
  | PhaseEndEvent
  | RetryEvent
  | WarningEvent
  | StalledEvent
  | AllSolvedEvent
  | MaxRefinementsEvent
  | ArtifactSavedEvent
  | LoopEndEvent;

export type LatentEventType = LatentEvent['type'];
