import { ModelAbortedError, isModelError, type LanguageModel } from '@ndli/models';
import { LatentError, LoopInterruptedError, type PhaseName } from '../errors.js';
import type { EndReason, LatentEvent, LoopMode } from '../events.js';
import type { PhaseContext, PhaseOutcome } from '../phase-context.js';
import { STATE_SCHEMA_VERSION, countBlockers, type ReasoningState } from '../reasoning-state.js';
import { RunDirectory, type ResumePoint } from '../run-directory.js';
import {
  LANGUAGE_MODEL_INTERFACE,
  ResumableMetadataSchema,
  currentGitCommit,
  latentCorePackageVersion,
  type ResumableMetadata,
  type RunMetadata,
} from '../run-metadata.js';
import type { LatentSettings } from '../settings.js';

/** What a session needs from the caller's options (the loop validates them first). */
export interface SessionOptions {
  model: LanguageModel;
  task: string;
  artifactFileName: string;
  directory: string;
  modeKind: LoopMode;
  settings: LatentSettings;
  onEvent?: ((event: LatentEvent) => void) | undefined;
  signal?: AbortSignal | undefined;
  resume?: boolean | undefined;
  metadata?: Record<string, unknown> | undefined;
}

/** The per-phase figures a `phase-end` event reports beyond the state's counts. */
export interface PhaseProgress {
  newlySolved: number;
  resolvedTasks: readonly string[];
  short: boolean;
}

/**
 * The bookkeeping of one loop session, shared by its steps: the run directory, the metadata
 * (rewritten after every step and call), events (to events.jsonl and `onEvent`), and the phase
 * context with which phases call the model.
 */
export class LoopSession {
  readonly options: SessionOptions;
  readonly directory: RunDirectory;
  readonly resumePoint: ResumePoint;
  readonly carried: ResumableMetadata | undefined;
  readonly metadata: RunMetadata;
  readonly context: PhaseContext;
  readonly warnings: string[] = [];
  readonly startedAt = Date.now();

  private constructor(options: SessionOptions, directory: RunDirectory, resumePoint: ResumePoint, carried: ResumableMetadata | undefined) {
    this.options = options;
    this.directory = directory;
    this.resumePoint = resumePoint;
    this.carried = carried;
    this.metadata = initialMetadata(options, resumePoint, carried);
    this.context = {
      model: options.model,
      settings: options.settings,
      signal: options.signal,
      emit: (event) => this.emit(event),
      recordCall: async (record) => {
        await directory.writeCall(record);
        const metadata = this.metadata;
        metadata.calls += 1;
        if (record.attempt > 1) metadata.retries += 1;
        metadata.serverRetries += record.serverAttempts.length;
        if (record.error?.code === 'MODEL_OUTPUT_TRUNCATED') metadata.truncations += 1;
        const promptTokens = record.usage?.promptTokens ?? 0;
        const completionTokens = record.usage?.completionTokens ?? 0;
        metadata.tokens.prompt += promptTokens;
        metadata.tokens.completion += completionTokens;
        await directory.writeMetadata(metadata);
        const reasoning = record.usage?.reasoningTokens;
        this.emit({
          type: 'call-finished',
          phase: record.phase,
          iteration: record.iteration,
          attempt: record.attempt,
          errorCode: record.error?.code,
          tokens: { prompt: promptTokens, completion: completionTokens, ...(reasoning === undefined ? {} : { reasoning }) },
          runTokens: { ...metadata.tokens },
          serverRetries: record.serverAttempts.length,
          durationMs: record.timings?.totalMs,
        });
      },
      ...(options.onEvent
        ? {
            onProgress: (phase: PhaseName, iteration: number) => (progress) =>
              this.emit({
                type: 'call-progress',
                phase,
                ...(phase === 'refine' ? { iteration } : {}),
                completionTokens: progress.completionTokens,
                ...(progress.reasoningTokens === undefined ? {} : { reasoningTokens: progress.reasoningTokens }),
                ...(progress.tokensPerSecond === undefined ? {} : { tokensPerSecond: progress.tokensPerSecond }),
                elapsedMs: progress.elapsedMs,
              }),
          }
        : {}),
    };
  }

  static async open(options: SessionOptions): Promise<LoopSession> {
    const directory = await RunDirectory.open(options.directory);
    const resumePoint: ResumePoint = options.resume ? await directory.findResumePoint(options.artifactFileName) : { kind: 'none' };
    if (options.resume) await setAsideUnsavedCalls(directory, resumePoint);
    const previous = options.resume ? ResumableMetadataSchema.safeParse(await directory.readMetadata()) : undefined;
    return new LoopSession(options, directory, resumePoint, previous?.success ? previous.data : undefined);
  }

  get settings(): LatentSettings {
    return this.options.settings;
  }

  /** Every event goes to `onEvent`; all but the live progress ticks also go to events.jsonl. */
  emit(event: LatentEvent): void {
    if (event.type !== 'call-progress') this.directory.appendEvent(event);
    if (event.type === 'warning') this.warnings.push(event.message);
    this.options.onEvent?.(event);
  }

  throwIfAborted(): void {
    if (this.options.signal?.aborted) throw new LoopInterruptedError({ cause: this.options.signal.reason });
  }

  async saveMetadata(): Promise<void> {
    await this.directory.writeMetadata(this.metadata);
  }

  async recordPhase(phase: PhaseName, iteration: number, startedAt: Date, outcome: PhaseOutcome<unknown> | undefined): Promise<void> {
    this.metadata.phases.push({
      phase,
      iteration,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      attempts: outcome?.attempts ?? 0,
      tokens: outcome?.tokens ?? { prompt: 0, completion: 0 },
    });
    await this.saveMetadata();
  }

  phaseEnd(phase: PhaseName, iteration: number, state: ReasoningState, progress: PhaseProgress, outcome: PhaseOutcome<unknown> | undefined, startedAt: Date): void {
    this.emit({
      type: 'phase-end',
      phase,
      iteration,
      solved: state.solved_tasks.length,
      unsolved: state.unsolved_tasks.length,
      blockers: countBlockers(state),
      blockerAnswers: state.blocker_answers.length,
      newlySolved: progress.newlySolved,
      resolved: progress.resolvedTasks.length,
      resolvedTasks: progress.resolvedTasks,
      short: progress.short,
      tokens: outcome?.tokens ?? { prompt: 0, completion: 0 },
      durationMs: Date.now() - startedAt.getTime(),
    });
  }

  finish(endReason: EndReason): void {
    this.metadata.status = 'completed';
    this.metadata.endReason = endReason;
    this.metadata.endedAt = new Date().toISOString();
  }

  loopEnd(): void {
    const metadata = this.metadata;
    this.emit({
      type: 'loop-end',
      status: metadata.status === 'running' ? 'error' : metadata.status,
      endReason: metadata.endReason ?? undefined,
      refinements: metadata.refinements,
      calls: metadata.calls,
      retries: metadata.retries,
      serverRetries: metadata.serverRetries,
      truncations: metadata.truncations,
      tokens: { ...metadata.tokens },
      durationMs: Date.now() - this.startedAt,
      error: metadata.error ?? undefined,
    });
  }

  /** Marks the run `interrupted` or `error`, saves that, and returns the error to throw. */
  async fail(error: unknown): Promise<unknown> {
    const interrupted = this.options.signal?.aborted === true || error instanceof ModelAbortedError || error instanceof LoopInterruptedError;
    const thrown = interrupted && !(error instanceof LoopInterruptedError) ? new LoopInterruptedError({ cause: error }) : error;
    this.metadata.status = interrupted ? 'interrupted' : 'error';
    this.metadata.error = errorSummary(thrown);
    this.metadata.endedAt = new Date().toISOString();
    try {
      await this.saveMetadata();
      this.loopEnd();
    } catch {
      // The original error matters more than a failed bookkeeping write (e.g. the disk is full).
    }
    return thrown;
  }
}

function errorSummary(error: unknown): { code: string; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof LatentError || isModelError(error)) return { code: error.code, message };
  return { code: 'UNEXPECTED_ERROR', message };
}

function initialMetadata(options: SessionOptions, resumePoint: ResumePoint, carried: ResumableMetadata | undefined): RunMetadata {
  const now = new Date().toISOString();
  const { model } = options;
  return {
    stateSchemaVersion: STATE_SCHEMA_VERSION,
    mode: options.modeKind,
    artifactFileName: options.artifactFileName,
    model: { provider: model.provider, id: model.modelId, scripted: model.scripted, interfaceVersion: LANGUAGE_MODEL_INTERFACE },
    settings: options.settings,
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
    serverRetries: carried?.serverRetries ?? 0,
    truncations: carried?.truncations ?? 0,
    // Rounds after the resume point are redone, so their records go.
    iterations: (carried?.iterations ?? []).filter((round) => resumePoint.kind !== 'none' && round.iteration <= resumePoint.refinements),
    error: null,
    metadata: options.metadata ?? {},
  };
}

/**
 * Calls made after the last saved state are made again from it on resume: they are set aside, or a replay (or a
 * recorded transcript) resuming at the count of calls on file would be one call ahead.
 */
async function setAsideUnsavedCalls(directory: RunDirectory, resumePoint: ResumePoint): Promise<string[]> {
  if (resumePoint.kind === 'complete') return [];
  return directory.setAsideCallsAfter(resumePoint.kind === 'state' ? resumePoint.file : undefined);
}

/** For a caller that counts calls before resuming (the orchestrator's replay start): the same, on a directory. */
export async function settleInterruptedRound(path: string, artifactFileName: string): Promise<string[]> {
  const directory = await RunDirectory.open(path);
  return setAsideUnsavedCalls(directory, await directory.findResumePoint(artifactFileName));
}
