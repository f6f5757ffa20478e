import type { z } from 'zod';
import { ModelOutputError } from './errors.js';
import type { CallRecord, GenerateObjectResult } from './language-model.js';

/**
 * Models that ignore (or lack) constrained decoding often wrap JSON in a Markdown fence or add a
 * sentence around it. Take the fenced block if there is one, else the outermost `{…}` span.
 */
export function extractJsonText(rawText: string): string {
  const trimmed = rawText.trim();
  const fence = /```(?:json|JSON)?\s*\n([\s\S]*?)\n?```/.exec(trimmed);
  if (fence?.[1] !== undefined) return fence[1].trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return trimmed;
  const start = trimmed.indexOf('{');
  const end = trimmed.lastIndexOf('}');
  return start >= 0 && end > start ? trimmed.slice(start, end + 1) : trimmed;
}

/** Zod issues as short lines a model can act on: `solved_tasks.0.solution_code: Too small …`. */
export function formatSchemaIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}

/**
 * Turns a finished call into the parsed object, or a `ModelOutputError` that keeps the whole call.
 * Truncation is checked first: a cut-off answer is usually also invalid JSON, and "truncated" is the
 * actionable diagnosis (raise maxTokens, ask for less).
 */
export function parseModelOutput<OUTPUT>(
  call: CallRecord,
  schema: z.ZodType<OUTPUT>,
  provider: string,
): GenerateObjectResult<OUTPUT> {
  const context = { provider, modelId: call.modelId, call };
  if (call.finishReason === 'length') {
    throw new ModelOutputError('MODEL_OUTPUT_TRUNCATED', {
      ...context,
      issues: [`generation stopped at the max token limit after ${call.usage.completionTokens ?? 'an unknown number of'} tokens`],
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(extractJsonText(call.rawText));
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new ModelOutputError('MODEL_OUTPUT_INVALID_JSON', { ...context, issues: [message], cause });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ModelOutputError('MODEL_OUTPUT_SCHEMA_MISMATCH', {
      ...context,
      issues: formatSchemaIssues(parsed.error),
      cause: parsed.error,
    });
  }
  return { ...call, object: parsed.data };
}
