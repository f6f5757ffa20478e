import { ModelAbortedError, ModelError, ModelHttpError, ModelNotFoundError, ModelTimeoutError } from './errors.js';

export interface LmStudioErrorContext {
  modelId: string;
  timeoutMs: number;
  /** Aborted by the caller's signal (not by our timeout). */
  callerAborted: boolean;
  timedOut: boolean;
}

/** Error codes the SDK attaches (as `displayData.code`) when LM Studio does not know a model. */
const NOT_FOUND_CODES = new Set(['generic.pathNotFound', 'generic.identifierNotFound', 'generic.noModelMatchingQuery']);

function displayData(error: unknown): Record<string, unknown> | undefined {
  if (typeof error !== 'object' || error === null || !('displayData' in error)) return undefined;
  const data = error.displayData;
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Turns anything the SDK throws into one of our ModelErrors, first line of the SDK message only (no stack dumps). */
export function toLmStudioError(error: unknown, context: LmStudioErrorContext): ModelError {
  if (error instanceof ModelError) return error;
  const base = { provider: 'lmstudio', modelId: context.modelId, cause: error };
  if (context.timedOut) return new ModelTimeoutError({ ...base, timeoutMs: context.timeoutMs });
  if (context.callerAborted) return new ModelAbortedError(base);
  const data = displayData(error);
  const code = typeof data?.['code'] === 'string' ? data['code'] : undefined;
  if (code !== undefined && NOT_FOUND_CODES.has(code)) {
    const available = [...stringArray(data?.['availablePathsSample']), ...stringArray(data?.['loadedModelsSample'])];
    return new ModelNotFoundError({
      ...base,
      availableModels: available,
      hint: `Download or load it in LM Studio (\`lms get ${context.modelId}\`); \`lms ls\` lists model keys${available.length > 0 ? `, e.g. ${available.slice(0, 5).join(', ')}` : ''}.`,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ModelHttpError({
    ...base,
    message: `LM Studio failed the call for "${context.modelId}": ${message.split('\n')[0]?.trim() ?? message}`,
    responseBody: message,
  });
}
