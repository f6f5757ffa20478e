import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRunDirectoryName, settleInterruptedRound } from '@ndli/latent-core';
import { createLanguageModel, parseModelSpec, withRecording, type LanguageModel } from '@ndli/models';
import { createJudge, isSpecPath, loadSpec, type Judge } from '@ndli/ralph';
import type { NdliConfig } from '../config/config-schema.js';
import { OrchestratorError } from '../errors.js';
import type { EventListener, OrchestratorEvent } from '../events.js';
import { resolveBundledTranscript } from '../transcripts/bundled-transcripts.js';
import { acquireDirectoryLock } from './directory-lock.js';
import { driveRun, type RunOutcome } from './drive-run.js';
import { gitCommit, runtimeVersions } from './environment.js';
import { RUN_METADATA_VERSION, type RunMetadata, type RunMode } from './run-metadata.js';
import { RunRecord } from './run-record.js';
import { RunStore, TRANSCRIPT_FILE } from './run-store.js';
import { specLookup } from './specs-location.js';
import { ndliCommand } from '../hints/ndli-command.js';

export interface SessionOptions {
  cwd: string;
  onEvent?: EventListener;
  /** Ctrl-C: the run stops cleanly as `interrupted`, resumable. */
  signal?: AbortSignal;
  /** Tests and the bench inject a judge; normally Ralph in Chromium. */
  judge?: Judge;
  /** A model object instead of the config's model string (programmatic use, tests). */
  model?: LanguageModel;
}

export interface StartRunOptions extends SessionOptions {
  specName: string;
  config: NdliConfig;
  mode: RunMode;
  /** Exact run directory (the bench names its trials); default `<outputDir>/run_YYYYMMDD_HHMMSS`. */
  runDirectory?: string;
}

/** A new run directory name that does not collide with a run started in the same second. */
function freshRunDirectory(outputDirectory: string): string {
  const base = join(outputDirectory, createRunDirectoryName(new Date()));
  let candidate = base;
  for (let suffix = 2; existsSync(candidate); suffix += 1) candidate = `${base}_${suffix}`;
  return candidate;
}

/** Model calls already made in a run (one call file each): a replayed run skips that many on resume. */
async function settleLastRound(store: RunStore, artifactFileName: string): Promise<void> {
  const rounds = existsSync(store.directory) ? readdirSync(store.directory).filter((entry) => /^round_\d+$/.test(entry)) : [];
  const last = rounds.sort((left, right) => Number(left.slice(6)) - Number(right.slice(6))).at(-1);
  if (last) await settleInterruptedRound(join(store.directory, last), artifactFileName);
}

/** Call files in a round: its own loop's, and its candidates' (`round_N/candidates/K/calls`). */
function roundCallDirectories(roundDirectory: string): string[] {
  const candidates = join(roundDirectory, 'candidates');
  const nested = existsSync(candidates) ? readdirSync(candidates).map((entry) => join(candidates, entry, 'calls')) : [];
  return [join(roundDirectory, 'calls'), ...nested];
}

function recordedCallCount(store: RunStore): number {
  if (!existsSync(store.directory)) return 0;
  return readdirSync(store.directory)
    .filter((entry) => entry.startsWith('round_'))
    .flatMap((entry) => roundCallDirectories(join(store.directory, entry)))
    .filter((directory) => existsSync(directory))
    .reduce((count, directory) => count + readdirSync(directory).filter((file) => file.endsWith('.json')).length, 0);
}

function requireModelSpec(config: NdliConfig): string {
  if (config.model) return config.model;
  throw new OrchestratorError(
    'MODEL_MISSING',
    'No model given.',
    'Pass --model (e.g. --model lmstudio/qwen2.5-coder-7b-instruct, or --model replay/demo for the scripted demo) or set `model` in ndli.config.ts.',
  );
}

/**
 * Where `replay/<name>` points: a bundled transcript (`demo`), a file, or a directory holding one
 * transcript per spec (`<spec>.<mode>.jsonl`, else `<spec>.jsonl`) — a scripted "model" a bench can
 * run across several specs.
 */
export function resolveReplayTarget(name: string, cwd: string, run: { spec: string; mode: RunMode }): string | undefined {
  const bundled = resolveBundledTranscript(name);
  if (bundled) return bundled;
  const path = resolve(cwd, name);
  if (!existsSync(path)) return undefined;
  if (!statSync(path).isDirectory()) return path;
  return [join(path, `${run.spec}.${run.mode}.jsonl`), join(path, `${run.spec}.jsonl`)].find((candidate) => existsSync(candidate));
}

function openModel(config: NdliConfig, store: RunStore, cwd: string, run: { spec: string; mode: RunMode }): LanguageModel {
  const modelSpec = requireModelSpec(config);
  const isReplay = parseModelSpec(modelSpec).provider === 'replay';
  const model = createLanguageModel(modelSpec, {
    ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    timeoutMs: config.requestTimeoutMs,
    idleTimeoutMs: config.idleTimeoutMs,
    maxRetries: config.serverRetries,
    maxRetryWaitMs: config.serverRetryWaitMs,
    ...(isReplay ? { replayStartIndex: recordedCallCount(store) } : {}),
    replayResolver: (name: string) => resolveReplayTarget(name, cwd, run),
  });
  if (!config.record || isReplay) return model;
  // Appending: a resumed session continues the run's transcript, which then replays the whole run.
  return withRecording(model, store.path(TRANSCRIPT_FILE), { description: `Recorded from ${modelSpec}`, append: true, keepCalls: recordedCallCount(store) });
}

/**
 * Budgets end a run cleanly: the wall-time budget aborts whatever is running with reason
 * `budget-wall-time`, which the run records as `failed` (not `interrupted`).
 */
function withWallTimeBudget(config: NdliConfig, alreadySpentMs: number, signal: AbortSignal | undefined): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason ?? 'interrupted');
  signal?.addEventListener('abort', onAbort, { once: true });
  const budget = config.budgets.maxWallTimeMs;
  const timer = budget === undefined ? undefined : setTimeout(() => controller.abort('budget-wall-time'), Math.max(0, budget - alreadySpentMs));
  return {
    signal: controller.signal,
    dispose: () => {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * Runs `work` holding the run directory's lock: a second writer is refused at once (exit 2), a lock left
 * by a dead process is taken over and the run's events say so.
 */
async function holdingLock<RESULT>(store: RunStore, options: SessionOptions, command: string, work: () => Promise<RESULT>): Promise<RESULT> {
  const lock = acquireDirectoryLock(store.directory, { kind: 'run', command });
  try {
    if (lock.takenOverFrom) {
      const event: OrchestratorEvent = { type: 'lock-taken-over', directory: store.directory, previous: lock.takenOverFrom };
      store.appendEvent(event);
      options.onEvent?.(event);
    }
    return await work();
  } finally {
    lock.release();
  }
}

/**
 * Playwright workers per verdict. With candidates, a round's verdicts run at once, as many as the worker
 * budget (`judgeWorkers`, default min(2, cores)), each with one worker: the browsers in use stay within it.
 */
function judgeWorkers(config: NdliConfig): { workers?: number } {
  if (config.candidates > 1) return { workers: 1 };
  return config.judgeWorkers ? { workers: config.judgeWorkers } : {};
}

async function execute(store: RunStore, metadata: RunMetadata, config: NdliConfig, options: SessionOptions, resumed: boolean): Promise<RunOutcome> {
  const spec = loadSpec(metadata.specDirectory ?? metadata.spec, specLookup(options.cwd, config.specsDir));
  // Before calls are counted (the replay's start, the transcript's kept calls): the interrupted round's calls made
  // after its last saved state are set aside, since the inner loop makes them again.
  if (resumed) await settleLastRound(store, metadata.artifactFileName);
  const model = options.model ?? openModel(config, store, options.cwd, { spec: metadata.spec, mode: metadata.mode });
  // One judge per run: the browser is resolved once (a missing one fails before any model call).
  const judge = options.judge ?? createJudge({ ...(config.browserPath ? { browser: { executablePath: config.browserPath } } : {}), ...judgeWorkers(config) });
  const budget = withWallTimeBudget(config, metadata.durationMs, options.signal);
  try {
    // A replayed recording of a real model is not scripted; a hand-written transcript is. The model knows (the record notes it).
    const record = new RunRecord(store, metadata);
    return await driveRun({ store, record, config, spec, model, judge, onEvent: options.onEvent, signal: budget.signal, resumed });
  } finally {
    budget.dispose();
    if (!options.judge) await judge.close();
  }
}

/** `ndli run <spec>`: a new run directory, then the nested loops. */
export async function startRun(options: StartRunOptions): Promise<RunOutcome> {
  const { config } = options;
  const spec = loadSpec(options.specName, specLookup(options.cwd, config.specsDir));
  const modelSpec = options.model ? `${options.model.provider}/${options.model.modelId}` : requireModelSpec(config);
  const parsed = options.model ? { provider: options.model.provider, model: options.model.modelId } : parseModelSpec(modelSpec);
  const directory = resolve(options.cwd, options.runDirectory ?? freshRunDirectory(resolve(options.cwd, config.outputDir)));
  const store = RunStore.create(directory);
  return holdingLock(store, options, 'ndli run', () => {
    const now = new Date().toISOString();
    const commit = gitCommit(options.cwd);
    const metadata: RunMetadata = {
      kind: 'ndli-run',
      version: RUN_METADATA_VERSION,
      spec: spec.name,
      ...(isSpecPath(options.specName) ? { specDirectory: spec.directory } : {}),
      artifactFileName: spec.artifactFileName,
      model: { spec: modelSpec, provider: parsed.provider, id: parsed.model, scripted: parsed.provider === 'replay' || parsed.provider === 'mock' },
      mode: options.mode,
      config,
      versions: runtimeVersions(),
      ...(commit ? { gitCommit: commit } : {}),
      startedAt: now,
      updatedAt: now,
      durationMs: 0,
      status: 'running',
      tokens: { prompt: 0, completion: 0 },
      rounds: [],
      resumes: 0,
      restarts: 0,
    };
    store.writeMetadata(metadata);
    return execute(store, metadata, config, options, false);
  });
}

/** `ndli resume <run-dir>`: continues from the last complete step with the run's own config. */
export async function resumeRun(options: SessionOptions & { runDirectory: string }): Promise<RunOutcome> {
  const store = RunStore.open(resolve(options.cwd, options.runDirectory));
  // The lock first: the metadata read must be the last writer's, not a live run's half-way state.
  return holdingLock(store, options, 'ndli resume', () => {
    const metadata = store.readMetadata();
    if (metadata.status === 'passed' || metadata.status === 'failed' || metadata.status === 'stalled') {
      throw new OrchestratorError('USAGE', `This run already ended (${metadata.status}, ${metadata.endReason ?? 'no reason recorded'}); nothing to resume.`, `Start a new run with \`${ndliCommand('run <spec>')}\`.`);
    }
    // A run that ended `judge-error` is reopened by its record: its last artifact is judged again (the harness may be fixed by now).
    return execute(store, metadata, metadata.config, options, true);
  });
}
