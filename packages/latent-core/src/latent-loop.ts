import type { LanguageModel } from '@ndli/models';
import { countLines } from './count-lines.js';
import { LatentInputError } from './errors.js';
import type { EndReason, LatentEvent, LoopMode, TokenTotals } from './events.js';
import { generateStep, oneShotStep, type SavedArtifact } from './loop/generate-step.js';
import { endReasonAt, nextStep, type LoopPosition, type NextStep } from './loop/loop-policy.js';
import { LoopSession } from './loop/loop-session.js';
import { refineStep } from './loop/refine-step.js';
import { startStep } from './loop/start-step.js';
import type { FixFailure, ReasoningState } from './reasoning-state.js';
import { RUN_FILES } from './run-directory.js';
import type { IterationProgress } from './run-metadata.js';
import { resolveSettings, type LatentSettings } from './settings.js';

export { countLines } from './count-lines.js';

/**
 * The inner loop: INIT (or FIX) → REFINE while open tasks remain (up to maxRefinements, until a
 * stall) → GENERATE. Every call is a fresh chat; only the reasoning state carries over, and every
 * state, call and event lands in the run directory as it happens. This file only drives: the steps
 * live in `loop/*-step.ts`, "what next" in the pure `loop/loop-policy.ts`.
 */

export type LatentLoopMode =
  /**
   * `pitfalls`: failing behaviours of earlier attempts, given to INIT after a fresh start (the outer
   * loop's restart on stagnation) so the new decomposition knows what went wrong before.
   */
  | { kind: 'fresh'; pitfalls?: readonly FixFailure[] }
  /** `previousState` (e.g. a state_final.json as read) and `failures` (from the judge) are validated. */
  | { kind: 'fix'; previousState: unknown; failures: readonly FixFailure[] }
  | { kind: 'one-shot' };

export interface LatentLoopOptions {
  model: LanguageModel;
  /** The task text (e.g. a spec's task.md), passed to the model verbatim. */
  task: string;
  /** File name of the artifact inside the run directory, e.g. `calculator.html`. */
  artifactFileName: string;
  /** The run directory (created if missing), e.g. `output/run_20260131_143022`. */
  directory: string;
  mode?: LatentLoopMode;
  settings?: Partial<LatentSettings>;
  /** Every event, `call-progress` ticks included (those are live only, not in events.jsonl). */
  onEvent?: (event: LatentEvent) => void;
  /** Honoured between phases and during a call (the call is abandoned at once). */
  signal?: AbortSignal;
  /** Continue from the last complete state saved in `directory` instead of starting over. */
  resume?: boolean;
  /** Recorded verbatim in run_metadata.json. */
  metadata?: Record<string, unknown>;
}

export interface LatentLoopResult {
  directory: string;
  mode: LoopMode;
  endReason: EndReason;
  /** The state GENERATE worked from; undefined in one-shot mode. */
  finalState: ReasoningState | undefined;
  artifact: { path: string; html: string; lines: number };
  refinements: number;
  /** Per REFINE round: open tasks resolved, short or not, failed or not (as in run_metadata.json). */
  iterations: IterationProgress[];
  /** Totals over the whole run, earlier sessions included when resumed. */
  tokens: TokenTotals;
  calls: number;
  /** Output retries (the model's bad answers). */
  retries: number;
  /** Transport retries by the provider, counted apart: never an attempt of the model. */
  serverRetries: number;
  truncations: number;
  /** Wall time of this session. */
  durationMs: number;
  /** The file the run continued from when resumed, else undefined. */
  resumedFrom: string | undefined;
  warnings: string[];
}

const RESERVED_FILE = /^(state_.*\.json|run_metadata\.json|events\.jsonl|calls)$/;

function validateOptions(options: LatentLoopOptions): void {
  const issues: string[] = [];
  if (typeof options.task !== 'string' || options.task.trim() === '') issues.push('task: must be a non-empty text');
  if (!/^[\w.-]+\.html$/.test(options.artifactFileName) || RESERVED_FILE.test(options.artifactFileName)) {
    issues.push(`artifactFileName: "${options.artifactFileName}" must be a plain file name ending in .html (e.g. calculator.html)`);
  }
  if (typeof options.directory !== 'string' || options.directory.trim() === '') issues.push('directory: must be a path');
  if (issues.length > 0) throw new LatentInputError('Invalid latent loop options', issues);
}

function resultOf(session: LoopSession, endReason: EndReason, finalState: ReasoningState | undefined, artifact: SavedArtifact): LatentLoopResult {
  const { metadata } = session;
  return {
    directory: session.directory.path,
    mode: metadata.mode,
    endReason,
    finalState,
    artifact: { ...artifact, lines: countLines(artifact.html) },
    refinements: metadata.refinements,
    iterations: [...metadata.iterations],
    tokens: { ...metadata.tokens },
    calls: metadata.calls,
    retries: metadata.retries,
    serverRetries: metadata.serverRetries,
    truncations: metadata.truncations,
    durationMs: Date.now() - session.startedAt,
    resumedFrom: resumedFrom(session),
    warnings: session.warnings,
  };
}

function resumedFrom(session: LoopSession): string | undefined {
  const point = session.resumePoint;
  return point.kind === 'complete' ? session.options.artifactFileName : point.kind === 'state' ? point.file : undefined;
}

/** Why refinement ended, as an event (the seed's console lines). */
function announceEnd(session: LoopSession, position: LoopPosition, step: Extract<NextStep, { kind: 'generate' }>): void {
  const { refinements } = session.metadata;
  const unsolved = position.state.unsolved_tasks.length;
  if (step.endReason === 'all-solved') session.emit({ type: 'all-solved', refinements });
  else if (step.endReason === 'stalled') session.emit({ type: 'stalled', refinements, shortRounds: position.shortStreak, unsolved });
  else session.emit({ type: 'max-refinements', refinements, unsolved });
}

/** INIT/FIX (or the resumed state) → REFINE rounds until the policy says stop → state_final.json. */
async function refine(session: LoopSession, mode: Exclude<LatentLoopMode, { kind: 'one-shot' }>): Promise<{ state: ReasoningState; endReason: EndReason }> {
  const start = await startStep(session, mode);
  if (start.final) return { state: start.state, endReason: session.carried?.endReason ?? endReasonAt(start, session.settings) };
  let position: LoopPosition = start;
  let step = nextStep(position, session.settings);
  while (step.kind === 'refine') {
    position = await refineStep(session, position, step.iteration);
    step = nextStep(position, session.settings);
  }
  announceEnd(session, position, step);
  await session.directory.writeState(RUN_FILES.stateFinal, position.state);
  return { state: position.state, endReason: step.endReason };
}

export async function runLatentLoop(options: LatentLoopOptions): Promise<LatentLoopResult> {
  validateOptions(options);
  const settings = resolveSettings(options.settings);
  const mode = options.mode ?? { kind: 'fresh' };
  const session = await LoopSession.open({ ...options, modeKind: mode.kind, settings });
  session.emit({ type: 'loop-start', directory: session.directory.path, mode: mode.kind, provider: options.model.provider, modelId: options.model.modelId, resumedFrom: resumedFrom(session) });

  // Nothing left to do: the artifact exists. No call, no file rewritten.
  const point = session.resumePoint;
  if (point.kind === 'complete') {
    const endReason = session.carried?.endReason ?? (point.finalState ? endReasonAt({ state: point.finalState, refinements: point.refinements, shortStreak: 0 }, settings) : 'one-shot');
    session.metadata.status = 'completed';
    session.metadata.endReason = endReason;
    session.loopEnd();
    return resultOf(session, endReason, point.finalState, { path: session.directory.file(options.artifactFileName), html: point.html });
  }

  await session.saveMetadata();
  try {
    if (mode.kind === 'one-shot') {
      const artifact = await oneShotStep(session);
      session.loopEnd();
      return resultOf(session, 'one-shot', undefined, artifact);
    }
    const { state, endReason } = await refine(session, mode);
    session.metadata.endReason = endReason;
    const artifact = await generateStep(session, state, endReason, mode.kind === 'fix' ? mode.failures : undefined);
    session.loopEnd();
    return resultOf(session, endReason, state, artifact);
  } catch (error) {
    throw await session.fail(error);
  }
}
