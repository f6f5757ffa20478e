import { z } from 'zod';

/**
 * The reasoning state: the only thing that carries over from one model call to the next.
 * "The schema is the prompt": every `.describe()` below is sent to the model as JSON Schema, so the
 * descriptions are instructions. JSON field names match the original Python tool so state files
 * stay interchangeable with it.
 */

/** Bump when the state's JSON shape changes; run metadata records it. 2: optional `resolves`, `retired_blocker_answers`. */
export const STATE_SCHEMA_VERSION = 2;

export const SolvedTaskSchema = z
  .object({
    name: z.string().min(1).describe('Short snake_case identifier of the task, unique across solved and unsolved tasks (e.g. "display_management").'),
    solution_code: z
      .string()
      .min(20)
      .describe('COMPLETE executable code for this task (JavaScript, HTML or CSS), NOT a description, NOT pseudo-code, NOT a plan.'),
    resolves: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Names of unsolved tasks this new or rewritten code resolves (e.g. a FIX task answered by rewriting this task). Each named task then leaves unsolved_tasks.',
      ),
  })
  .describe('A task whose complete code is written.');

export const UnsolvedTaskSchema = z
  .object({
    name: z.string().min(1).describe('Short snake_case identifier of the task, unique across solved and unsolved tasks.'),
    what_i_know: z.string().default('').describe('What is already known about how to solve this task.'),
    blockers: z
      .array(z.string().min(1))
      .min(1)
      .describe('SPECIFIC questions that must be answered before the code can be written (not vague concerns).'),
  })
  .describe('A task that cannot be coded yet, with the specific questions blocking it.');

export const ReasoningStateSchema = z
  .object({
    solved_tasks: z.array(SolvedTaskSchema).describe('Tasks with complete code.'),
    unsolved_tasks: z.array(UnsolvedTaskSchema).describe('Tasks still blocked by specific questions.'),
    blocker_answers: z
      .array(z.string())
      .default([])
      .describe(
        'Answers to blockers, each starting with the task name in brackets, then the question it answers and the specific answer (e.g. "[equals_function] Division by zero: shows Error").',
      ),
    retired_blocker_answers: z
      .array(z.string())
      .optional()
      .describe('Kept by the loop, never written by the model: answers retired from blocker_answers (their tasks are resolved, or duplicates, or over the cap).'),
  })
  .describe('The complete reasoning state: every task, solved (with code) or unsolved (with blockers).');

/** What the model is asked to write: the state without the loop's own bookkeeping. */
export const ReasoningStateAnswerSchema = ReasoningStateSchema.omit({ retired_blocker_answers: true });

export const GeneratedArtifactSchema = z
  .object({
    html: z
      .string()
      .min(1)
      .describe(
        'The COMPLETE single-file HTML document, from <!DOCTYPE html> to </html>, with all CSS in <style> and all JavaScript inline in <script>; no external files, no placeholders, no omissions.',
      ),
  })
  .describe('The final application as one self-contained HTML file.');

/**
 * A failing behaviour from the judge (ralph), entering FIX mode as a new unsolved task. Same JSON
 * shape as `UnsolvedTask`; ralph does not import this package, so it is validated here.
 */
export const FixFailureSchema = UnsolvedTaskSchema;

export type SolvedTask = z.infer<typeof SolvedTaskSchema>;
export type UnsolvedTask = z.infer<typeof UnsolvedTaskSchema>;
export type ReasoningState = z.infer<typeof ReasoningStateSchema>;
export type ReasoningStateAnswer = z.infer<typeof ReasoningStateAnswerSchema>;
export type GeneratedArtifact = z.infer<typeof GeneratedArtifactSchema>;
/** Input shape (`what_i_know` may be omitted). */
export type FixFailure = z.input<typeof FixFailureSchema>;

export const REASONING_STATE_SCHEMA_NAME = 'reasoning_state';
export const GENERATED_ARTIFACT_SCHEMA_NAME = 'generated_artifact';

/** Sent with every call so servers with constrained decoding enforce the shape. */
export const reasoningStateJsonSchema: Record<string, unknown> = z.toJSONSchema(ReasoningStateAnswerSchema);
export const generatedArtifactJsonSchema: Record<string, unknown> = z.toJSONSchema(GeneratedArtifactSchema);

/** Total number of blocker questions still open. */
export function countBlockers(state: ReasoningState): number {
  return state.unsolved_tasks.reduce((total, task) => total + task.blockers.length, 0);
}
