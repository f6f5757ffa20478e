import type { CallTimings, FinishReason, GenerationProgress, LanguageModel, ServerAttempt, TokenUsage } from '@ndli/models';
import type { PhaseName } from './errors.js';
import type { LatentEvent, TokenTotals } from './events.js';
import type { LatentSettings } from './settings.js';
import type { Mend } from './state/mends.js';

/** One model call as written to `calls/NNN-<phase>.json`: success and failure alike. */
export interface CallFileRecord {
  phase: PhaseName;
  iteration: number;
  attempt: number;
  startedAt: string;
  schemaName: string;
  /** What was sent, the call's JSON schema included (built per call from the state it answers). */
  request: { system: string; prompt: string; temperature: number; maxTokens: number; seed: number | undefined; jsonSchema: Record<string, unknown> };
  /** Set when the plain schema was sent instead of the per-call one, saying why (e.g. too many task names). */
  schemaFallback?: string;
  /** Null when no answer arrived (transport error). */
  rawText: string | null;
  /** The answer as it passed zod (also kept when a later check rejected it); the loop's merged state is in the state files. */
  parsed: unknown;
  /** Absent on success. */
  error: { code: string; message: string; issues: readonly string[] } | undefined;
  usage: TokenUsage | undefined;
  timings: CallTimings | undefined;
  finishReason: FinishReason | undefined;
  modelId: string;
  /** The model's reasoning (a `<think>` block or the server's reasoning), kept apart from rawText; absent when none. */
  reasoning: string | undefined;
  /** Transport attempts the provider retried before this answer or error (not the model's fault, not an attempt of the phase). */
  serverAttempts: readonly ServerAttempt[];
  /** Mechanical slips in this answer that the loop mended without a retry (empty when none, or when the answer was rejected). */
  mends: readonly Mend[];
}

/** What a phase needs from its surroundings; `runLatentLoop` wires these to the run directory. */
export interface PhaseContext {
  model: LanguageModel;
  settings: LatentSettings;
  /** Persists one call (awaited before the phase goes on, so a crash never loses an answer). */
  recordCall: (record: CallFileRecord) => Promise<void>;
  emit: (event: LatentEvent) => void;
  signal?: AbortSignal | undefined;
  /** Gives each call a progress listener (the loop turns ticks into live `call-progress` events). */
  onProgress?: ((phase: PhaseName, iteration: number) => (progress: GenerationProgress) => void) | undefined;
}

export interface PhaseOutcome<VALUE> {
  value: VALUE;
  attempts: number;
  tokens: TokenTotals;
  durationMs: number;
  /** Mechanical slips mended in `value` (no retry). */
  mends?: readonly Mend[] | undefined;
}

/** A context that records nothing: for calling a phase on its own (tests, notebooks). */
export function detachedPhaseContext(model: LanguageModel, settings: LatentSettings): PhaseContext {
  return { model, settings, recordCall: async () => {}, emit: () => {} };
}
