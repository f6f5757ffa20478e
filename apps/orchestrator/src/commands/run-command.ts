import { defaultLocalThreads, llamaBackend, parseModelSpec, releaseLocalModels } from '@ndli/models';
import { loadConfig } from '../config/load-config.js';
import type { NdliConfigInput } from '../config/config-schema.js';
import { EXIT } from '../cli-errors.js';
import type { EventListener } from '../events.js';
import { createConsoleReporter } from '../reporters/console-reporter.js';
import { createJsonReporter } from '../reporters/json-reporter.js';
import { checkModelServer } from '../run/preflight.js';
import { resumeRun, startRun } from '../run/session.js';
import type { RunOutcome } from '../run/drive-run.js';
import type { RunMode } from '../run/run-metadata.js';
import { OrchestratorError } from '../errors.js';
import { chooseModel, noModelHint } from '../models/choose-model.js';
import { ensureLocalModel } from '../models/pull-model.js';

export interface RunFlags {
  model?: string;
  config?: string;
  baseUrl?: string;
  temperature?: number;
  maxTokens?: number;
  seed?: number;
  maxRefinements?: number;
  minSolve?: number;
  refineOutput?: 'changes' | 'full';
  maxRounds?: number;
  maxRestarts?: number;
  maxTotalTokens?: number;
  maxMinutes?: number;
  candidates?: number;
  candidateScope?: 'generate' | 'loop';
  concurrency?: number;
  heldOut?: 'measure' | 'reveal';
  output?: string;
  specsDir?: string;
  browser?: string;
  fix: boolean;
  oneShot?: boolean;
  record: boolean;
  json?: boolean;
}

export function flagsToConfig(flags: RunFlags): NdliConfigInput {
  return {
    model: flags.model,
    baseUrl: flags.baseUrl,
    temperature: flags.temperature,
    maxTokens: flags.maxTokens,
    seed: flags.seed,
    maxRefinements: flags.maxRefinements,
    minSolvePerIteration: flags.minSolve,
    refineOutput: flags.refineOutput,
    maxRounds: flags.maxRounds,
    maxRestarts: flags.maxRestarts,
    candidates: flags.candidates,
    candidateScope: flags.candidateScope,
    concurrency: flags.concurrency,
    heldOut: flags.heldOut,
    budgets: { maxTotalTokens: flags.maxTotalTokens, maxWallTimeMs: flags.maxMinutes === undefined ? undefined : flags.maxMinutes * 60_000 },
    outputDir: flags.output,
    specsDir: flags.specsDir,
    browserPath: flags.browser,
    // Commander's negatable `--no-record` defaults to true; only a given flag should override the file.
    record: flags.record === false ? false : undefined,
  };
}

export function modeFromFlags(flags: { fix: boolean; oneShot?: boolean }): RunMode {
  if (flags.oneShot) return 'one-shot';
  return flags.fix ? 'ndli' : 'inner';
}

export function exitCodeFor(outcome: RunOutcome): number {
  switch (outcome.status) {
    case 'passed':
      return EXIT.passed;
    case 'interrupted':
      return EXIT.interrupted;
    case 'error':
      return EXIT.error;
    case 'judge-error':
      // The harness failed, not the app: a runtime error, resumable (`ndli resume` judges again).
      return EXIT.error;
    default:
      return EXIT.failed;
  }
}

function reporter(json: boolean | undefined): EventListener {
  return json ? createJsonReporter() : createConsoleReporter();
}

/**
 * Ctrl-C once: the run stops at a clean point as `interrupted` and prints the resume command.
 * Twice: exit at once (everything already saved stays saved).
 */
function interruptOnSigint(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    process.stderr.write('\n⏹  Interrupting: saving where the run stopped (Ctrl-C again to quit at once)…\n');
    controller.abort('interrupted');
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigint);
    },
  };
}

/**
 * No `--model`: the first that can serve, said in one line (stderr, so `--json` output stays clean);
 * nothing at all is one actionable error.
 */
async function withChosenModel<CONFIG extends { model?: string | undefined }>(config: CONFIG, flags: RunFlags): Promise<CONFIG> {
  if (flags.model !== undefined) return config;
  const choice = await chooseModel(config.model);
  if (choice === undefined) throw new OrchestratorError('MODEL_MISSING', 'No model given, and none found: no LM Studio or Ollama answering, no downloaded local model.', noModelHint());
  process.stderr.write(`→ model: ${choice.model} (${choice.reason}; pass --model to choose)\n`);
  return { ...config, model: choice.model };
}

/** A local model: downloaded (or asked for at a terminal), and one line on the hardware llama.cpp found. */
async function prepareLocalModel(model: string | undefined): Promise<void> {
  if (model === undefined || parseModelSpec(model).provider !== 'local') return;
  await ensureLocalModel(model, { interactive: process.stdin.isTTY === true && process.stderr.isTTY === true, out: process.stderr });
  const backend = await llamaBackend();
  const hardware = backend.gpu === false ? 'CPU only (GPU builds: see docs/local-models.md)' : `GPU: ${backend.gpu}${backend.gpuDeviceNames.length > 0 ? ` (${backend.gpuDeviceNames.join(', ')})` : ''}`;
  process.stderr.write(`→ llama.cpp in-process: ${hardware}, ${defaultLocalThreads()} CPU thread(s) (NDLI_LOCAL_THREADS to change)\n`);
}

export async function runCommand(specName: string, flags: RunFlags): Promise<number> {
  const cwd = process.cwd();
  const loaded = await loadConfig({ cwd, ...(flags.config ? { configPath: flags.config } : {}), overrides: flagsToConfig(flags) });
  const config = await withChosenModel(loaded.config, flags);
  await checkModelServer(config);
  await prepareLocalModel(config.model);
  const interrupt = interruptOnSigint();
  try {
    const outcome = await startRun({ cwd, specName, config, mode: modeFromFlags(flags), onEvent: reporter(flags.json), signal: interrupt.signal });
    return exitCodeFor(outcome);
  } finally {
    interrupt.dispose();
    // A local model stays loaded across the run's calls; released here, at the end and after Ctrl-C.
    await releaseLocalModels();
  }
}

export async function resumeCommand(runDirectory: string, flags: { json?: boolean }): Promise<number> {
  const interrupt = interruptOnSigint();
  try {
    const outcome = await resumeRun({ cwd: process.cwd(), runDirectory, onEvent: reporter(flags.json), signal: interrupt.signal });
    return exitCodeFor(outcome);
  } finally {
    interrupt.dispose();
    await releaseLocalModels();
  }
}
