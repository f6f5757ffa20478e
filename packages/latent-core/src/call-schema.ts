import type { JsonSchema } from '@ndli/models';
import { z } from 'zod';
import { ReasoningStateAnswerSchema, SolvedTaskSchema, reasoningStateJsonSchema, type ReasoningState } from './reasoning-state.js';

/**
 * The JSON schema of one call, built from the state it answers, so that a server enforcing schemas
 * (llama.cpp's grammar, LM Studio, vLLM, Ollama `format`) cannot produce what the loop would only
 * mend afterwards: `resolves` items are an `enum` of the open task names, and `resolves` is absent
 * when no task is open (INIT). Everything else is the plain schema: new task names stay free (a model
 * may split a task), and the shape is the same bounded nesting, with no `$ref`, `pattern` or `not`.
 *
 * zod still validates with the plain `ReasoningStateAnswerSchema`: it accepts everything this schema
 * accepts, and what a server that ignores schemas sends outside the enum is mended by the checks
 * (a dropped `resolves` entry), never rejected by zod, which would cost a retry.
 */

/**
 * Above these, the plain schema is sent instead (and the call record says why): a large `enum`
 * makes a big grammar for llama.cpp, and hosted engines cap enums (OpenAI: 1000 values in all; past
 * 250 values, 15,000 characters). Far beyond any real decomposition (tens of tasks).
 */
export const MAX_ENUM_NAMES = 100;
export const MAX_ENUM_CHARACTERS = 4000;

export interface CallSchema {
  jsonSchema: JsonSchema;
  /** Why the plain schema was sent instead of the per-call one; undefined when the per-call one was sent. */
  fallback: string | undefined;
}

function answerSchemaWithResolves(openNames: readonly string[]): z.ZodType {
  const [first, ...rest] = openNames;
  const solved =
    first === undefined
      ? SolvedTaskSchema.omit({ resolves: true })
      : SolvedTaskSchema.extend({
          resolves: z
            .array(z.enum([first, ...rest]))
            .optional()
            .describe(SolvedTaskSchema.shape.resolves.description ?? ''),
        });
  const solvedList = ReasoningStateAnswerSchema.shape.solved_tasks;
  return ReasoningStateAnswerSchema.extend({ solved_tasks: z.array(solved).describe(solvedList.description ?? '') });
}

/** The JSON schema of a call answering `state` (INIT: no state, so no open task). */
export function reasoningStateCallSchema(state: ReasoningState | undefined): CallSchema {
  const openNames = [...new Set((state?.unsolved_tasks ?? []).map((task) => task.name))];
  const characters = openNames.reduce((sum, name) => sum + name.length, 0);
  if (openNames.length > MAX_ENUM_NAMES || characters > MAX_ENUM_CHARACTERS) {
    return {
      jsonSchema: reasoningStateJsonSchema,
      fallback: `${openNames.length} open task name(s), ${characters} character(s): over the per-call schema's bound (${MAX_ENUM_NAMES} names, ${MAX_ENUM_CHARACTERS} characters), so the plain schema was sent and the checks mend a bad resolves entry`,
    };
  }
  return { jsonSchema: z.toJSONSchema(answerSchemaWithResolves(openNames)), fallback: undefined };
}

/** INIT's schema: no task is open yet, so no `resolves` (it would have nothing to name). Built once: it never changes. */
export const INIT_REASONING_STATE_JSON_SCHEMA = reasoningStateCallSchema(undefined).jsonSchema;
