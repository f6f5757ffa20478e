import { ModelAbortedError, isModelError, type LanguageModel } from '@ndli/models';
import { LatentError, LatentInputError, LoopInterruptedError, type PhaseName } from './errors.js';
import type { EndReason, LatentEvent, LoopMode, TokenTotals } from './events.js';
import type { PhaseContext, PhaseOutcome } from './phase-context.js';
import { fixPhase } from './phases/fix-phase.js';
import { generatePhase } from './phases/generate-phase.js';
import { initPhase } from './phases/init-phase.js';
import { oneShotPhase } from './phases/one-shot-phase.js';
import { refinePhase } from './phases/refine-phase.js';
import { STATE_SCHEMA_VERSION, countBlockers, type FixFailure, type ReasoningState } from './reasoning-state.js';
import { RUN_FILES, RunDirectory, type ResumePoint } from './run-directory.js';
import {
  LANGUAGE_MODEL_INTERFACE,
  ResumableMetadataSchema,
  currentGitCommit,
  latentCorePackageVersion,
  type RunMetadata,
} from './run-metadata.js';
import { resolveSettings, type LatentSettings } from './settings.js';

/**
 * The inner loop: INIT (or FIX) → REFINE while unsolved tasks remain (up to maxRefinements, until
 * a stall) → GENERATE. Every call is a fresh chat; only the reasoning state carries over, and every
 * state, call and event lands in the run directory as it happens.
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
  onEvent?: (event: LatentEvent) => void;
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
  /** Totals over the whole run, earlier sessions included when resumed. */
  tokens: TokenTotals;
  calls: number;
  retries: number;
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

/** Lines as the seed counted them (Python's splitlines: a final newline does not start a line). */
export function countLines(text: string): number {
  if (text === '') return 0;
  return text.replace(/\r?\n$/, '').split(/\r?\n/).length;
}

function errorSummary(error: unknown): { code: string; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof LatentError || isModelError(error)) return { code: error.code, message };
  return { code: 'UNEXPECTED_ERROR', message };
}

function endReasonOf(state: ReasoningState, roundsWithoutProgress: number, settings: LatentSettings): EndReason {
  if (state.unsolved_tasks.length === 0) return 'all-solved';
  if (roundsWithoutProgress >= settings.stallLimit) return 'stalled';
  return 'max-refinements';
}

export async function runLatentLoop(options: LatentLoopOptions): Promise<LatentLoopResult> {
  const sessionStarted = Date.now();
  validateOptions(options);
  const settings = resolveSettings(options.settings);
  const mode = options.mode ?? { kind: 'fresh' };
  const { model, signal } = options;
  const directory = await RunDirectory.open(options.directory);
  const resumePoint: ResumePoint = options.resume ? await directory.findResumePoint(options.artifactFileName) : { kind: 'none' };
  const previous = options.resume ? ResumableMetadataSchema.safeParse(await directory.readMetadata()) : undefined;
  const carried = previous?.success ? previous.data : undefined;
  const now = new Date().toISOString();

  const metadata: RunMetadata = {
    stateSchemaVersion: STATE_SCHEMA_VERSION,
    mode: mode.kind,
    artifactFileName: options.artifactFileName,
    model: { provider: model.provider, id: model.modelId, scripted: model.scripted, interfaceVersion: LANGUAGE_MODEL_INTERFACE },
    settings,
    versions: { node: process.version, package: latentCorePackageVersion() },
    gitCommit: currentGitCommit(),
    startedAt: carried?.startedAt ?? now,
    endedAt: null,
    resumedAt: carried && resumePoint.kind !== 'none' ? [...carried.resumedAt, now] : [],
    status: 'running',
    endReason: null,
    refinements: resumePoint.kind === 'none' ? 0 : resumePoint.refinements,
    phases: carried?.phases ?? [],
    tokens: carried ? { ...carried.tokens } : { prompt: 0, completion: 0 },
    calls: carried?.calls ?? 0,
    retries: carried?.retries ?? 0,
    truncations: carried?.truncations ?? 0,
    error: null,
    metadata: options.metadata ?? {},
  };
  const warnings: string[] = [];
  const emit = (event: LatentEvent): void => {
    directory.appendEvent(event);
    if (event.type === 'warning') warnings.push(event.message);
    options.onEvent?.(event);
  };
  const context: PhaseContext = {
    model,
    settings,
    signal,
    emit,
    recordCall: async (record) => {
      await directory.writeCall(record);
      metadata.calls += 1;
      if (record.attempt > 1) metadata.retries += 1;
      if (record.error?.code === 'MODEL_OUTPUT_TRUNCATED') metadata.truncations += 1;
      metadata.tokens.prompt += record.usage?.promptTokens ?? 0;
      metadata.tokens.completion += record.usage?.completionTokens ?? 0;
      await directory.writeMetadata(metadata);
    },
  };
  const resumedFrom =
    resumePoint.kind === 'complete' ? options.artifactFileName : resumePoint.kind === 'state' ? resumePoint.file : undefined;

  const throwIfAborted = (): void => {
    if (signal?.aborted) throw new LoopInterruptedError({ cause: signal.reason });
  };
  const recordPhase = async <VALUE>(phase: PhaseName, iteration: number, startedAt: Date, outcome: PhaseOutcome<VALUE> | undefined): Promise<void> => {
    metadata.phases.push({
      phase,
      iteration,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      attempts: outcome?.attempts ?? 0,
      tokens: outcome?.tokens ?? { prompt: 0, completion: 0 },
    });
    await directory.writeMetadata(metadata);
  };
  const phaseEnd = (phase: PhaseName, iteration: number, state: ReasoningState, newlySolved: number, outcome: PhaseOutcome<unknown> | undefined, startedAt: Date): void =>
    emit({
      type: 'phase-end',
      phase,
      iteration,
      solved: state.solved_tasks.length,
      unsolved: state.unsolved_tasks.length,
      blockers: countBlockers(state),
      blockerAnswers: state.blocker_answers.length,
      newlySolved,
      tokens: outcome?.tokens ?? { prompt: 0, completion: 0 },
      durationMs: Date.now() - startedAt.getTime(),
    });
  const finish = (endReason: EndReason): void => {
    metadata.status = 'completed';
    metadata.endReason = endReason;
    metadata.endedAt = new Date().toISOString();
  };
  const loopEnd = (): void =>
    emit({
      type: 'loop-end',
      status: metadata.status === 'running' ? 'error' : metadata.status,
      endReason: metadata.endReason ?? undefined,
      refinements: metadata.refinements,
      calls: metadata.calls,
      retries: metadata.retries,
      truncations: metadata.truncations,
      tokens: { ...metadata.tokens },
      durationMs: Date.now() - sessionStarted,
      error: metadata.error ?? undefined,
    });
  const result = (endReason: EndReason, finalState: ReasoningState | undefined, path: string, html: string): LatentLoopResult => ({
    directory: directory.path,
    mode: mode.kind,
    endReason,
    finalState,
    artifact: { path, html, lines: countLines(html) },
    refinements: metadata.refinements,
    tokens: { ...metadata.tokens },
    calls: metadata.calls,
    retries: metadata.retries,
    truncations: metadata.truncations,
    durationMs: Date.now() - sessionStarted,
    resumedFrom,
    warnings,
  });

  emit({ type: 'loop-start', directory: directory.path, mode: mode.kind, provider: model.provider, modelId: model.modelId, resumedFrom });

  // Nothing left to do: the artifact exists. No call, no file rewritten.
  if (resumePoint.kind === 'complete') {
    const endReason =
      carried?.endReason ?? (resumePoint.finalState ? endReasonOf(resumePoint.finalState, 0, settings) : 'one-shot');
    metadata.status = 'completed';
    metadata.endReason = endReason;
    loopEnd();
    return result(endReason, resumePoint.finalState, directory.file(options.artifactFileName), resumePoint.html);
  }

  await directory.writeMetadata(metadata);
  try {
    if (mode.kind === 'one-shot') {
      throwIfAborted();
      const startedAt = new Date();
      emit({ type: 'phase-start', phase: 'one-shot', iteration: 0, blockers: 0, failures: 0 });
      const outcome = await oneShotPhase({ context, task: options.task, artifactFileName: options.artifactFileName });
      const path = await directory.writeArtifact(options.artifactFileName, outcome.value.html);
      emit({ type: 'artifact-saved', path, lines: countLines(outcome.value.html) });
      await recordPhase('one-shot', 0, startedAt, outcome);
      finish('one-shot');
      await directory.writeMetadata(metadata);
      loopEnd();
      return result('one-shot', undefined, path, outcome.value.html);
    }

    let state: ReasoningState;
    let roundsWithoutProgress = 0;
    let refinementDone = false;
    if (resumePoint.kind === 'state') {
      state = resumePoint.state;
      roundsWithoutProgress = resumePoint.roundsWithoutProgress;
      refinementDone = resumePoint.final;
    } else if (mode.kind === 'fix') {
      const startedAt = new Date();
      emit({ type: 'phase-start', phase: 'fix', iteration: 0, blockers: 0, failures: mode.failures.length });
      state = await fixPhase({ previousState: mode.previousState, failures: mode.failures });
      await directory.writeState(RUN_FILES.stateFix, state);
      phaseEnd('fix', 0, state, 0, undefined, startedAt);
      await recordPhase('fix', 0, startedAt, undefined);
    } else {
      throwIfAborted();
      const startedAt = new Date();
      emit({ type: 'phase-start', phase: 'init', iteration: 0, blockers: 0, failures: 0 });
      const outcome = await initPhase({ context, task: options.task, artifactFileName: options.artifactFileName });
      state = outcome.value;
      await directory.writeState(RUN_FILES.stateInit, state);
      phaseEnd('init', 0, state, state.solved_tasks.length, outcome, startedAt);
      await recordPhase('init', 0, startedAt, outcome);
    }

    let endReason: EndReason;
    if (refinementDone) {
      endReason = carried?.endReason ?? endReasonOf(state, roundsWithoutProgress, settings);
    } else {
      for (;;) {
        if (state.unsolved_tasks.length === 0) {
          endReason = 'all-solved';
          emit({ type: 'all-solved', refinements: metadata.refinements });
          break;
        }
        if (roundsWithoutProgress >= settings.stallLimit) {
          endReason = 'stalled';
          emit({ type: 'stalled', refinements: metadata.refinements, roundsWithoutProgress, unsolved: state.unsolved_tasks.length });
          break;
        }
        if (metadata.refinements >= settings.maxRefinements) {
          endReason = 'max-refinements';
          emit({ type: 'max-refinements', refinements: metadata.refinements, unsolved: state.unsolved_tasks.length });
          break;
        }
        throwIfAborted();
        const iteration = metadata.refinements + 1;
        const startedAt = new Date();
        emit({ type: 'phase-start', phase: 'refine', iteration, blockers: countBlockers(state), failures: 0 });
        const outcome = await refinePhase({ context, task: options.task, artifactFileName: options.artifactFileName, state, iteration });
        state = outcome.value.state;
        await directory.writeState(RUN_FILES.stateRefine(iteration), state);
        metadata.refinements = iteration;
        roundsWithoutProgress = outcome.value.newlySolved.length === 0 ? roundsWithoutProgress + 1 : 0;
        phaseEnd('refine', iteration, state, outcome.value.newlySolved.length, outcome, startedAt);
        await recordPhase('refine', iteration, startedAt, outcome);
      }
      await directory.writeState(RUN_FILES.stateFinal, state);
    }
    metadata.endReason = endReason;

    throwIfAborted();
    const startedAt = new Date();
    emit({ type: 'phase-start', phase: 'generate', iteration: 0, blockers: countBlockers(state), failures: 0 });
    const outcome = await generatePhase({ context, task: options.task, artifactFileName: options.artifactFileName, state });
    const path = await directory.writeArtifact(options.artifactFileName, outcome.value.html);
    emit({ type: 'artifact-saved', path, lines: countLines(outcome.value.html) });
    phaseEnd('generate', 0, state, 0, outcome, startedAt);
    await recordPhase('generate', 0, startedAt, outcome);
    finish(endReason);
    await directory.writeMetadata(metadata);
    loopEnd();
    return result(endReason, state, path, outcome.value.html);
  } catch (error) {
    const interrupted = signal?.aborted === true || error instanceof ModelAbortedError || error instanceof LoopInterruptedError;
    const thrown = interrupted && !(error instanceof LoopInterruptedError) ? new LoopInterruptedError({ cause: error }) : error;
    metadata.status = interrupted ? 'interrupted' : 'error';
    metadata.error = errorSummary(thrown);
    metadata.endedAt = new Date().toISOString();
    try {
      await directory.writeMetadata(metadata);
      loopEnd();
    } catch {
      // The original error matters more than a failed bookkeeping write (e.g. the disk is full).
    }
    throw thrown;
  }
}
