import { ModelAbortedError, ModelError, ModelHttpError, ModelNotFoundError, ModelTimeoutError } from '../../errors.js';
import type { DeadlineReason } from '../../call-deadline.js';

export interface LmStudioErrorContext {
  modelId: string;
  /** Set when the call's signal fired: then the SDK's own error (an abort) is only the symptom. */
  stopCause: DeadlineReason | undefined;
  /** The total deadline. */
  timeoutMs: number;
  /** The longest silence allowed between signs of life. */
  idleTimeoutMs: number;
}

/** Error codes LM Studio sends (as `displayData.code`) when it does not know a model. */
const NOT_FOUND_CODES = new Set(['generic.pathNotFound', 'generic.identifierNotFound', 'generic.noModelMatchingQuery']);
/** The SDK's friendly errors for those codes drop `displayData` and keep only a boxed text that says this. */
const NOT_FOUND_TEXT = /Cannot find a model with (path|identifier)|No model (found )?(that )?match/i;

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null && name in error ? (error as Record<string, unknown>)[name] : undefined;
}

function displayData(error: unknown): Record<string, unknown> | undefined {
  const data = field(error, 'displayData');
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

// eslint-disable-next-line no-control-regex -- the SDK colours its messages with ANSI escapes
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * The readable core of an SDK error. Errors rehydrated from LM Studio carry the server's `title` (and
 * a `cause` text); the SDK's message itself is a box drawn for a terminal, empty on its first line.
 */
export function lmStudioErrorText(error: unknown): string {
  const title = field(error, 'title');
  const cause = field(error, 'cause');
  if (typeof title === 'string' && title.trim() !== '') return typeof cause === 'string' && cause.trim() !== '' ? `${title.trim()} (${cause.trim()})` : title.trim();
  const raw = field(error, 'lmstudioRawError') ?? (error instanceof Error ? error.message : String(error));
  const lines = String(raw)
    .replace(ANSI, '')
    .split('\n')
    .map((line) => line.replace(/^[\s│╭╮╰╯─]+|[\s│╭╮╰╯─]+$/g, ''))
    .filter((line) => line !== '' && line !== 'Error');
  return lines[0] ?? 'unknown error';
}

/** Whether LM Studio said it has no model by that key (by its error code, or the SDK's text for it). */
export function isLmStudioModelNotFound(error: unknown): boolean {
  const code = displayData(error)?.['code'];
  if (typeof code === 'string' && NOT_FOUND_CODES.has(code)) return true;
  return NOT_FOUND_TEXT.test(lmStudioErrorText(error)) || (error instanceof Error && NOT_FOUND_TEXT.test(error.message.replace(ANSI, '')));
}

export function lmStudioModelNotFound(modelId: string, availableModels: readonly string[], cause: unknown): ModelNotFoundError {
  return new ModelNotFoundError({
    provider: 'lmstudio',
    modelId,
    availableModels,
    cause,
    hint: `Download or load it in LM Studio (\`lms get ${modelId}\`); \`lms ls\` lists model keys${availableModels.length > 0 ? `, e.g. ${availableModels.slice(0, 5).join(', ')}` : ''}.`,
  });
}

/** Turns anything the SDK throws into one of our ModelErrors, with a one-line message (no boxes, no stack dumps). */
export function toLmStudioError(error: unknown, context: LmStudioErrorContext): ModelError {
  if (error instanceof ModelError) return error;
  const base = { provider: 'lmstudio', modelId: context.modelId, cause: error };
  if (context.stopCause === 'caller') return new ModelAbortedError(base);
  if (context.stopCause === 'total') return new ModelTimeoutError({ ...base, timeoutMs: context.timeoutMs });
  if (context.stopCause === 'idle') {
    // No fragment, no load or prompt-processing progress, no RPC answer for that long.
    return new ModelTimeoutError({ ...base, timeoutMs: context.idleTimeoutMs, kind: 'idle' });
  }
  if (isLmStudioModelNotFound(error)) {
    const data = displayData(error);
    return lmStudioModelNotFound(context.modelId, [...stringArray(data?.['availablePathsSample']), ...stringArray(data?.['loadedModelsSample'])], error);
  }
  const message = error instanceof Error ? error.message : String(error);
  // No status: to the transport retry this is a server fault (a dropped socket, a crashed or failing model), worth another attempt.
  return new ModelHttpError({
    ...base,
    message: `LM Studio failed the call for "${context.modelId}": ${lmStudioErrorText(error)}`,
    responseBody: message.replace(ANSI, ''),
  });
}
