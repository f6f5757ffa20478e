import type { z } from 'zod';
import { ModelOutputError } from './errors.js';
import { jsonCandidates, jsonExtractionFailure, type JsonCandidate } from './json-extraction.js';
import type { CallRecord, GenerateObjectResult } from './language-model.js';
import { estimateTokens, joinReasoning, separateReasoning } from './reasoning-text.js';

export { extractJsonText } from './json-extraction.js';

/** Zod issues as short lines a model can act on: `solved_tasks.0.solution_code: Too small …`. */
export function formatSchemaIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}

/**
 * The call with a leading `<think>` block moved from `rawText` into `reasoning` (joined to any
 * reasoning the server sent apart), and reasoning tokens estimated when the server did not count them.
 */
export function withSeparatedReasoning(call: CallRecord): CallRecord & { reasoningUnclosed: boolean } {
  const separated = separateReasoning(call.rawText);
  const reasoning = joinReasoning(call.reasoning, separated.reasoning);
  if (reasoning === undefined) return { ...call, reasoningUnclosed: false };
  const usage =
    call.usage.reasoningTokens === undefined ? { ...call.usage, reasoningTokens: estimateTokens(reasoning), reasoningTokensEstimated: true } : call.usage;
  return { ...call, rawText: separated.answer, reasoning, usage, reasoningUnclosed: separated.unclosed };
}

type Match<OUTPUT> = { kind: 'valid'; value: OUTPUT; candidate: JsonCandidate } | { kind: 'mismatch'; error: z.ZodError } | { kind: 'none' };

/** The first JSON candidate that fits the schema; else the first one's schema error; else none. */
function matchSchema<OUTPUT>(text: string, schema: z.ZodType<OUTPUT>): Match<OUTPUT> {
  let firstMismatch: z.ZodError | undefined;
  for (const candidate of jsonCandidates(text)) {
    const parsed = schema.safeParse(candidate.value);
    if (parsed.success) return { kind: 'valid', value: parsed.data, candidate };
    firstMismatch ??= parsed.error;
  }
  return firstMismatch === undefined ? { kind: 'none' } : { kind: 'mismatch', error: firstMismatch };
}

function withWarning(call: CallRecord, warning: string): CallRecord {
  return { ...call, warnings: [...(call.warnings ?? []), warning] };
}

/**
 * Turns a finished call into the parsed object, or a `ModelOutputError` that keeps the whole call
 * (raw text and reasoning). Order: reasoning comes off first (its braces are not the answer);
 * truncation is checked before parsing (a cut answer is also invalid JSON, but "truncated" is the
 * actionable diagnosis); then JSON is looked for (see json-extraction.ts) and checked against the
 * schema. When the answer is empty but the reasoning holds the JSON — a known LM Studio / Ollama
 * behaviour with reasoning models — that JSON is used and the record says so in `warnings`.
 */
export function parseModelOutput<OUTPUT>(call: CallRecord, schema: z.ZodType<OUTPUT>, provider: string): GenerateObjectResult<OUTPUT> {
  const { reasoningUnclosed, ...separated } = withSeparatedReasoning(call);
  const context = { provider, modelId: separated.modelId };
  if (separated.finishReason === 'length' || reasoningUnclosed) {
    const tokens = separated.usage.completionTokens ?? 'an unknown number of';
    throw new ModelOutputError('MODEL_OUTPUT_TRUNCATED', {
      ...context,
      call: separated,
      issues: [
        reasoningUnclosed
          ? `the model was still reasoning (an unclosed <think> block) when generation stopped after ${tokens} tokens; raise maxTokens or use a non-reasoning mode`
          : `generation stopped at the max token limit after ${tokens} tokens`,
      ],
    });
  }
  const answerEmpty = separated.rawText.trim() === '';
  if (answerEmpty && separated.reasoning !== undefined) {
    const fromReasoning = matchSchema(separated.reasoning, schema);
    if (fromReasoning.kind === 'valid') {
      const warned = withWarning(separated, 'The answer was empty; the JSON was taken from the model\'s reasoning.');
      return { ...warned, object: fromReasoning.value };
    }
    throw new ModelOutputError(fromReasoning.kind === 'mismatch' ? 'MODEL_OUTPUT_SCHEMA_MISMATCH' : 'MODEL_OUTPUT_INVALID_JSON', {
      ...context,
      call: separated,
      issues: [
        fromReasoning.kind === 'mismatch'
          ? `the answer was empty and the JSON in the reasoning does not match the schema: ${formatSchemaIssues(fromReasoning.error).slice(0, 3).join('; ')}`
          : 'the answer was empty and the reasoning holds no JSON (the model only thought)',
      ],
    });
  }
  const match = matchSchema(separated.rawText, schema);
  if (match.kind === 'valid') return { ...separated, object: match.value };
  if (match.kind === 'mismatch') {
    throw new ModelOutputError('MODEL_OUTPUT_SCHEMA_MISMATCH', { ...context, call: separated, issues: formatSchemaIssues(match.error), cause: match.error });
  }
  const failure = jsonExtractionFailure(separated.rawText);
  throw new ModelOutputError('MODEL_OUTPUT_INVALID_JSON', {
    ...context,
    call: separated,
    issues: [answerEmpty ? 'the answer is empty' : `${failure.problem} (tried: ${failure.tried.join(', ')})`],
  });
}
