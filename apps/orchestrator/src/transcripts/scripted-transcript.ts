import { GENERATED_ARTIFACT_SCHEMA_NAME, REASONING_STATE_SCHEMA_NAME, type ReasoningState, type SolvedTask, type UnsolvedTask } from '@ndli/latent-core';
import { transcriptHeader, type Transcript } from '@ndli/models';

/** One hand-written answer: a state, an artifact, or raw text (to script malformed output). */
export type ScriptedAnswer =
  | { kind: 'state'; state: ReasoningState }
  | { kind: 'artifact'; html: string }
  | { kind: 'raw'; schemaName: string; rawText: string; finishReason?: 'stop' | 'length' };

const SCRIPTED_PROMPT = '(scripted transcript: hand-written answer, no prompt was sent to a model)';

/** A SCRIPTED transcript: the header says so, and every run replaying it reports it. */
export function scriptedTranscript(options: { description: string; modelId: string; answers: readonly ScriptedAnswer[] }): Transcript {
  return {
    header: transcriptHeader({ scripted: true, description: options.description, provider: 'scripted', modelId: options.modelId, createdAt: new Date('2026-01-31T14:30:22Z') }),
    calls: options.answers.map((answer, index) => {
      const schemaName = answer.kind === 'state' ? REASONING_STATE_SCHEMA_NAME : answer.kind === 'artifact' ? GENERATED_ARTIFACT_SCHEMA_NAME : answer.schemaName;
      const rawText = answer.kind === 'state' ? JSON.stringify(answer.state) : answer.kind === 'artifact' ? JSON.stringify({ html: answer.html }) : answer.rawText;
      const completionTokens = Math.ceil(rawText.length / 4);
      return {
        type: 'call' as const,
        index,
        request: { schemaName, system: SCRIPTED_PROMPT, prompt: SCRIPTED_PROMPT, maxTokens: 8192 },
        response: {
          rawText,
          // Plausible counts (≈ 4 characters a token) so budgets and cost figures have something to add up.
          usage: { promptTokens: 1500 + index * 400, completionTokens },
          timings: { totalMs: 0 },
          finishReason: answer.kind === 'raw' ? (answer.finishReason ?? 'stop') : 'stop',
          modelId: options.modelId,
        },
      };
    }),
  };
}

function blockersFor(task: SolvedTask): UnsolvedTask {
  const readable = task.name.replace(/_/g, ' ');
  return {
    name: task.name,
    what_i_know: `The ${readable} part must follow the task's DOM contract and rules exactly.`,
    blockers: [`Which rules and examples of the task decide how ${readable} behaves at its edge cases?`, `What must ${readable} show on the display in each of those cases?`],
  };
}

/**
 * A state with the first `solvedShare` of the tasks written and the rest asked about: INIT answers
 * like this, and so does a REFINE that solves only part of what is open.
 */
export function partlySolvedState(tasks: readonly SolvedTask[], solvedShare: number, blockerAnswers: readonly string[] = []): ReasoningState {
  const solvedCount = Math.max(1, Math.floor(tasks.length * solvedShare));
  return { solved_tasks: tasks.slice(0, solvedCount), unsolved_tasks: tasks.slice(solvedCount).map(blockersFor), blocker_answers: [...blockerAnswers] };
}

/**
 * A REFINE answer in `changes` mode (the loop's default): only the tasks it solves between the
 * `fromShare` and `toShare` of the list, every task still open, and its new blocker answers. The loop
 * merges it into the complete state it saves.
 */
export function solvedChangesState(tasks: readonly SolvedTask[], fromShare: number, toShare: number, blockerAnswers: readonly string[] = []): ReasoningState {
  const from = Math.max(1, Math.floor(tasks.length * fromShare));
  const to = toShare >= 1 ? tasks.length : Math.max(from, Math.floor(tasks.length * toShare));
  return { solved_tasks: tasks.slice(from, to), unsolved_tasks: tasks.slice(to).map(blockersFor), blocker_answers: [...blockerAnswers] };
}
