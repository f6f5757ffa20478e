import { ModelOutputError, isModelError, type GenerateObjectResult, type ServerAttempt } from '@ndli/models';
import type { z } from 'zod';
import { LoopInterruptedError, PhaseOutputError, type PhaseAttempt, type PhaseName } from './errors.js';
import type { TokenTotals } from './events.js';
import type { CallFileRecord, PhaseContext, PhaseOutcome } from './phase-context.js';
import { renderPrompt } from './prompts.js';
import type { Mend } from './state/mends.js';

export const CHECK_FAILED_CODE = 'PHASE_CHECK_FAILED';

/**
 * The result of the checks after zod. `issues` are what the loop cannot use without loss: they reject
 * the answer and cost a retry. `mends` are mechanical slips already mended in `value` (no retry): each
 * becomes a warning event and is written to the call record.
 */
export interface CheckVerdict<VALUE> {
  value: VALUE;
  issues: readonly string[];
  mends?: readonly Mend[] | undefined;
  warnings: readonly string[];
  /**
   * What to keep if no attempt is accepted and the loop can repair this answer itself at some loss
   * (e.g. a solved task moved back to unsolved stays solved): the latest such answer is kept instead of
   * failing the phase, with these warnings.
   */
  fallback?: { value: VALUE; warnings: readonly string[]; mends?: readonly Mend[] | undefined } | undefined;
}

export interface PhaseCall<ANSWER, VALUE = ANSWER> {
  phase: PhaseName;
  iteration: number;
  system: string;
  prompt: string;
  schema: z.ZodType<ANSWER>;
  /** Sent to the server; built per call from the state it answers where it can be (see `call-schema.ts`). */
  jsonSchema: Record<string, unknown>;
  /** Why the plain schema was sent instead of the per-call one (recorded in every call record, and warned once). */
  schemaFallback?: string | undefined;
  schemaName: string;
  check: (answer: ANSWER) => CheckVerdict<VALUE>;
}

const TRUNCATION_ADVICE =
  'Your answer was cut off by the maximum output length. Be MORE CONCISE: no comments, no repeated code, short names, ' +
  'but keep every part complete and the JSON closed.';
const ISSUE_ADVICE = 'Fix exactly these problems.';

function retryPrompt(original: string, code: string, issues: readonly string[]): string {
  return renderPrompt('retry', {
    original_prompt: original,
    error_code: code,
    issues: issues.map((issue) => `- ${issue}`).join('\n'),
    advice: code === 'MODEL_OUTPUT_TRUNCATED' ? TRUNCATION_ADVICE : ISSUE_ADVICE,
  }).user;
}

/**
 * Rejects once `signal` fires, even when a provider does not stop its request: Ctrl-C never waits for
 * a slow model. The provider's own abort error, when it comes at once, wins (a macrotask later).
 */
function abortable<RESULT>(promise: Promise<RESULT>, signal: AbortSignal | undefined): Promise<RESULT> {
  if (!signal) return promise;
  return new Promise<RESULT>((resolve, reject) => {
    const onAbort = (): void => void setTimeout(() => reject(new LoopInterruptedError({ cause: signal.reason })), 0);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function serverAttemptsOf(error: unknown): readonly ServerAttempt[] {
  return isModelError(error) ? error.serverAttempts : [];
}

/** One warning event per mend, carrying the mend itself so a reporter can tell it from other warnings. */
function emitMends(context: PhaseContext, call: { phase: PhaseName; iteration: number }, mends: readonly Mend[]): void {
  for (const mend of mends) context.emit({ type: 'warning', phase: call.phase, iteration: call.iteration, message: `mended (no retry): ${mend.message}`, mend });
}

type Rejection = { code: string; issues: readonly string[]; rawText: string; finishReason: string };

/**
 * One phase call with bounded retries. Every attempt is a fresh chat (system + one user message);
 * a retry's user message is the original one plus the validation error. An answer whose only faults
 * are mechanical slips is accepted in the same call, mended (`CheckVerdict.mends`). Bad output (invalid
 * JSON, schema mismatch, truncation, a failed check) is retried up to `maxRetries` times; then a repairable
 * answer's fallback is kept, else a `PhaseOutputError` holds every attempt. Anything else (transport,
 * abort) propagates at once: the provider already retried server faults, and they never use up the
 * model's attempts.
 */
export async function callWithRetries<ANSWER, VALUE>(context: PhaseContext, call: PhaseCall<ANSWER, VALUE>): Promise<PhaseOutcome<VALUE>> {
  const { model, settings } = context;
  const maxAttempts = settings.maxRetries + 1;
  const attempts: PhaseAttempt[] = [];
  const tokens: TokenTotals = { prompt: 0, completion: 0 };
  const started = Date.now();
  let prompt = call.prompt;
  // The latest rejected answer the loop can repair: kept if no later attempt is accepted.
  let repairable: { value: VALUE; warnings: readonly string[]; mends: readonly Mend[]; attempt: number } | undefined;
  if (call.schemaFallback) context.emit({ type: 'warning', phase: call.phase, iteration: call.iteration, message: `schema: ${call.schemaFallback}` });

  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const request = { system: call.system, prompt, temperature: settings.temperature, maxTokens: settings.maxTokens, seed: settings.seed };
    const base = {
      phase: call.phase,
      iteration: call.iteration,
      attempt,
      startedAt: new Date().toISOString(),
      schemaName: call.schemaName,
      request: { ...request, jsonSchema: call.jsonSchema },
      ...(call.schemaFallback ? { schemaFallback: call.schemaFallback } : {}),
    };
    const onProgress = context.onProgress ? { onProgress: context.onProgress(call.phase, call.iteration) } : {};
    let rejection: Rejection;
    try {
      const result: GenerateObjectResult<ANSWER> = await abortable(
        model.generateObject({
          ...request,
          schema: call.schema,
          jsonSchema: call.jsonSchema,
          schemaName: call.schemaName,
          ...(context.signal ? { abortSignal: context.signal } : {}),
          ...onProgress,
        }),
        context.signal,
      );
      tokens.prompt += result.usage.promptTokens ?? 0;
      tokens.completion += result.usage.completionTokens ?? 0;
      const verdict = call.check(result.object);
      const callFields = {
        rawText: result.rawText,
        usage: result.usage,
        timings: result.timings,
        finishReason: result.finishReason,
        modelId: result.modelId,
        reasoning: result.reasoning,
        serverAttempts: result.serverAttempts ?? [],
      };
      if (verdict.issues.length === 0) {
        const mends = verdict.mends ?? [];
        await context.recordCall({ ...base, ...callFields, parsed: result.object, error: undefined, mends });
        for (const message of verdict.warnings) context.emit({ type: 'warning', phase: call.phase, iteration: call.iteration, message });
        emitMends(context, call, mends);
        return { value: verdict.value, attempts: attempt, tokens, durationMs: Date.now() - started, mends };
      }
      if (verdict.fallback) repairable = { ...verdict.fallback, mends: verdict.fallback.mends ?? [], attempt };
      await context.recordCall({
        ...base,
        ...callFields,
        mends: [],
        parsed: result.object,
        error: { code: CHECK_FAILED_CODE, message: 'The output failed the checks after schema validation.', issues: verdict.issues },
      });
      rejection = { code: CHECK_FAILED_CODE, issues: verdict.issues, rawText: result.rawText, finishReason: result.finishReason };
    } catch (error) {
      if (error instanceof ModelOutputError) {
        const record = error.call;
        tokens.prompt += record.usage.promptTokens ?? 0;
        tokens.completion += record.usage.completionTokens ?? 0;
        await context.recordCall({
          ...base,
          mends: [],
          rawText: record.rawText,
          parsed: undefined,
          error: { code: error.code, message: error.message, issues: error.issues },
          usage: record.usage,
          timings: record.timings,
          finishReason: record.finishReason,
          modelId: record.modelId,
          reasoning: record.reasoning,
          serverAttempts: record.serverAttempts ?? error.serverAttempts,
        });
        rejection = { code: error.code, issues: error.issues, rawText: record.rawText, finishReason: record.finishReason };
      } else {
        // Transport, HTTP, timeout, abort: not the model's fault, not retried here; the attempt is still on record.
        const failure: CallFileRecord = {
          ...base,
          mends: [],
          rawText: null,
          parsed: undefined,
          error: {
            code: isModelError(error) || error instanceof LoopInterruptedError ? error.code : 'UNEXPECTED_ERROR',
            message: error instanceof Error ? error.message : String(error),
            issues: [],
          },
          usage: undefined,
          timings: undefined,
          finishReason: undefined,
          modelId: model.modelId,
          reasoning: undefined,
          serverAttempts: serverAttemptsOf(error),
        };
        await context.recordCall(failure);
        throw error;
      }
    }
    attempts.push({ attempt, ...rejection });
    if (attempt < maxAttempts) {
      context.emit({ type: 'retry', phase: call.phase, iteration: call.iteration, attempt: attempt + 1, maxAttempts, code: rejection.code, issues: rejection.issues });
      prompt = retryPrompt(call.prompt, rejection.code, rejection.issues);
    }
  }
  if (repairable) {
    const kept = `kept the answer of attempt ${repairable.attempt}/${maxAttempts}, repaired by the loop (it is on record in calls/ with its issues)`;
    emitMends(context, call, repairable.mends);
    for (const message of [...repairable.warnings, kept]) context.emit({ type: 'warning', phase: call.phase, iteration: call.iteration, message });
    return { value: repairable.value, attempts: maxAttempts, tokens, durationMs: Date.now() - started, mends: repairable.mends };
  }
  throw new PhaseOutputError({ phase: call.phase, iteration: call.iteration, modelId: model.modelId, attempts, tokens });
}
