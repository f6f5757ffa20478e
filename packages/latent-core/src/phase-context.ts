import type { FinishReason, LanguageModel, TokenUsage, CallTimings } from '@ndli/models';
import type { PhaseName } from './errors.js';
import type { LatentEvent, TokenTotals } from './events.js';
import type { LatentSettings } from './settings.js';

/** One model call as written to `calls/NNN-<phase>.json`: success and failure alike. */
export interface CallFileRecord {
  phase: PhaseName;
  iteration: number;
  attempt: number;
  startedAt: string;
  schemaName: string;
  request: { system: string; prompt: string; temperature: number; maxTokens: number; seed: number | undefined };
  /** Null when no answer arrived (transport error). */
  rawText: string | null;
  /** The value that passed zod (also kept when a later check rejected it). */
  parsed: unknown;
  /** Absent on success. */
  error: { code: string; message: string; issues: readonly string[] } | undefined;
  usage: TokenUsage | undefined;
  timings: CallTimings | undefined;
  finishReason: FinishReason | undefined;
  modelId: string;
}

/** What a phase needs from its surroundings; `runLatentLoop` wires these to the run directory. */
export interface PhaseContext {
  model: LanguageModel;
  settings: LatentSettings;
  /** Persists one call (awaited before the phase goes on, so a crash never loses an answer). */
  recordCall: (record: CallFileRecord) => Promise<void>;
  emit: (event: LatentEvent) => void;
  signal?: AbortSignal | undefined;
}

export interface PhaseOutcome<VALUE> {
  value: VALUE;
  attempts: number;
  tokens: TokenTotals;
  durationMs: number;
}

/** A context that records nothing: for calling a phase on its own (tests, notebooks). */
export function detachedPhaseContext(model: LanguageModel, settings: LatentSettings): PhaseContext {
  return { model, settings, recordCall: async () => {}, emit: () => {} };
}
