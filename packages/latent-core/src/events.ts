import type { PhaseName } from './errors.js';
import type { Mend } from './state/mends.js';

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
  /** FIX: failures merged in; INIT: known pitfalls given (after a fresh start); else 0. */
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
  /** Tasks solved in this phase that were not solved before it (new names). */
  newlySolved: number;
  /** Progress: open tasks of the state before this phase that it resolved (solved, or answered by rewritten code). */
  resolved: number;
  resolvedTasks: readonly string[];
  /** REFINE only: resolved fewer open tasks than the target (minSolvePerIteration, or every open task when fewer). */
  short: boolean;
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
  /** Set when the warning reports a mechanical slip the loop mended without a retry. */
  mend?: Mend;
}

export interface StalledEvent {
  type: 'stalled';
  refinements: number;
  /** Short REFINE rounds in a row (each resolved fewer open tasks than the target). */
  shortRounds: number;
  unsolved: number;
}

/** A REFINE ran out of attempts: the last valid state is kept (no progress this round) and the loop goes on. */
export interface RefineFailedEvent {
  type: 'refine-failed';
  iteration: number;
  /** `PHASE_OUTPUT_INVALID`, and the last attempt's code and issues in `message`. */
  code: string;
  message: string;
  attempts: number;
  /** The state file written for this round: the kept state. */
  keptState: string;
}

/** Live figures of a call in flight; passed to `onEvent` only, never written to events.jsonl. */
export interface CallProgressEvent {
  type: 'call-progress';
  phase: PhaseName;
  iteration?: number;
  completionTokens: number;
  reasoningTokens?: number;
  tokensPerSecond?: number;
  elapsedMs: number;
}

/** One model call ended (answer accepted or rejected, or an error): with its tokens, so a token budget can act mid-round. */
export interface CallFinishedEvent {
  type: 'call-finished';
  phase: PhaseName;
  iteration: number;
  attempt: number;
  /** Undefined when the answer was accepted; else why not (`MODEL_OUTPUT_*`, `PHASE_CHECK_FAILED`, a transport code). */
  errorCode: string | undefined;
  tokens: TokenTotals & { reasoning?: number };
  /** Totals of the run so far, this call included. */
  runTokens: TokenTotals;
  /** Transport attempts the provider retried during this call. */
  serverRetries: number;
  durationMs: number | undefined;
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
  /** Transport retries by the provider, counted apart from the model's output retries. */
  serverRetries: number;
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
  | RefineFailedEvent
  | CallProgressEvent
  | CallFinishedEvent
  | AllSolvedEvent
  | MaxRefinementsEvent
  | ArtifactSavedEvent
  | LoopEndEvent;

export type LatentEventType = LatentEvent['type'];
