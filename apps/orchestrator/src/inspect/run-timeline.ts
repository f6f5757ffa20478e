import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RunStore } from '../run/run-store.js';
import type { CandidateSummary, RoundSummary, RunMetadata } from '../run/run-metadata.js';

/**
 * The parts of a `calls/NNN-<phase>.json` file the timeline shows; anything else is ignored. A call whose
 * answer was not JSON (a model's prose) or that got no answer has no `parsed` (nor usage): it is still shown,
 * as what it was.
 */
const CallFileSchema = z.object({
  phase: z.string(),
  iteration: z.number().default(0),
  attempt: z.number().default(1),
  rawText: z.string().nullish(),
  parsed: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string() }).nullish(),
  usage: z.object({ promptTokens: z.number().nullish(), completionTokens: z.number().nullish() }).nullish(),
  timings: z.object({ totalMs: z.number() }).nullish(),
  /** Transport attempts that failed and were retried before this call's answer (ServerAttempt). */
  serverAttempts: z.array(z.object({ attempt: z.number(), code: z.string(), message: z.string(), status: z.number().optional(), delayMs: z.number() })).nullish(),
  /** Mechanical slips the inner loop mended in this answer without a retry (latent-core's Mend). */
  mends: z.array(z.object({ kind: z.string(), message: z.string() })).nullish(),
});

const StateCountsSchema = z.object({
  solved_tasks: z.array(z.unknown()),
  unsolved_tasks: z.array(z.object({ blockers: z.array(z.unknown()) })),
});

export interface TimelineCall {
  file: string;
  phase: string;
  iteration: number;
  attempt: number;
  ok: boolean;
  errorCode: string | undefined;
  solved: number | undefined;
  unsolved: number | undefined;
  blockers: number | undefined;
  promptTokens: number;
  completionTokens: number;
  ms: number;
  /** Server retries before the answer, e.g. `MODEL_HTTP_ERROR 503`, in order. */
  serverRetries: string[];
  /** What the inner loop mended in this answer without a retry, e.g. `resolves-unknown-task: …`. */
  mends: string[];
}

export interface TimelineCandidate {
  candidate: number;
  summary: CandidateSummary | undefined;
  /** Its own calls (candidate 1's are the round's). */
  calls: TimelineCall[];
}

export interface TimelineRound {
  round: number;
  summary: RoundSummary | undefined;
  calls: TimelineCall[];
  /** With `--candidates N` > 1: candidates 2…N and their calls (candidate 1's loop is the round's). */
  candidates: TimelineCandidate[];
}

export interface RunTimeline {
  directory: string;
  metadata: RunMetadata;
  rounds: TimelineRound[];
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function readCall(directory: string, file: string): TimelineCall {
  const parsed = CallFileSchema.safeParse(readJson(join(directory, file)));
  if (!parsed.success) {
    return { file, phase: '?', iteration: 0, attempt: 0, ok: false, errorCode: 'UNREADABLE_CALL_FILE', solved: undefined, unsolved: undefined, blockers: undefined, promptTokens: 0, completionTokens: 0, ms: 0, serverRetries: [], mends: [] };
  }
  const call = parsed.data;
  const counts = StateCountsSchema.safeParse(call.parsed);
  return {
    file,
    phase: call.phase,
    iteration: call.iteration,
    attempt: call.attempt,
    ok: !call.error,
    errorCode: call.error?.code,
    solved: counts.success ? counts.data.solved_tasks.length : undefined,
    unsolved: counts.success ? counts.data.unsolved_tasks.length : undefined,
    blockers: counts.success ? counts.data.unsolved_tasks.reduce((sum, task) => sum + task.blockers.length, 0) : undefined,
    promptTokens: call.usage?.promptTokens ?? 0,
    completionTokens: call.usage?.completionTokens ?? 0,
    ms: call.timings?.totalMs ?? 0,
    serverRetries: (call.serverAttempts ?? []).map((attempt) => (attempt.status === undefined ? attempt.code : `${attempt.code} ${attempt.status}`)),
    mends: (call.mends ?? []).map((mend) => `${mend.kind}: ${mend.message}`),
  };
}

function readCalls(loopDirectory: string): TimelineCall[] {
  const callsDirectory = join(loopDirectory, 'calls');
  const files = existsSync(callsDirectory) ? readdirSync(callsDirectory).filter((file) => file.endsWith('.json')).sort() : [];
  return files.map((file) => readCall(callsDirectory, file));
}

/** Reads a run directory into a timeline: rounds, each with its calls in order. */
export function readRunTimeline(directory: string): RunTimeline {
  const store = RunStore.open(directory);
  const metadata = store.readMetadata();
  const roundNumbers = readdirSync(directory)
    .map((entry) => /^round_(\d+)$/.exec(entry)?.[1])
    .filter((value): value is string => value !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  const rounds = roundNumbers.map((round) => {
    const summary = metadata.rounds[round - 1];
    const candidates = (summary?.candidates ?? [])
      .filter((candidate) => candidate.candidate > 1)
      .map((candidate) => ({ candidate: candidate.candidate, summary: candidate, calls: readCalls(join(directory, candidate.directory)) }));
    return { round, summary, calls: readCalls(store.roundDirectory(round)), candidates };
  });
  return { directory, metadata, rounds };
}
