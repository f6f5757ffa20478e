import { callWithRetries } from '../call-with-retries.js';
import { checkArtifactHtml } from '../checks/artifact-check.js';
import type { PhaseContext, PhaseOutcome } from '../phase-context.js';
import { renderPrompt } from '../prompts.js';
import {
  GENERATED_ARTIFACT_SCHEMA_NAME,
  GeneratedArtifactSchema,
  generatedArtifactJsonSchema,
  type FixFailure,
  type GeneratedArtifact,
  type ReasoningState,
} from '../reasoning-state.js';
import { failingBehavioursSection } from './failing-behaviours.js';

export interface GeneratePhaseInput {
  context: PhaseContext;
  task: string;
  artifactFileName: string;
  state: ReasoningState;
  /** FIX rounds: the behaviours the previous app failed (titles, expected vs actual), so the new file is written against them. */
  failures?: readonly FixFailure[] | undefined;
}

const FAILURES_HEADING = "The previous version of this file failed these behaviours of the judge's tests. The new file must get each of them right:";

/** Models sometimes wrap the document in a Markdown fence inside the JSON string; the fence is not the app. */
export function unwrapCodeFence(html: string): string {
  const fenced = /^\s*```[\w-]*[ \t]*\r?\n([\s\S]*?)```\s*$/.exec(html);
  return fenced?.[1] ?? html;
}

/** Checks shared by GENERATE and one-shot: the answer must be a working single-file HTML app. */
export function checkGeneratedArtifact(artifact: GeneratedArtifact): { value: GeneratedArtifact; issues: string[]; warnings: string[] } {
  const value = { html: unwrapCodeFence(artifact.html) };
  return { value, issues: checkArtifactHtml(value.html), warnings: [] };
}

/** GENERATE: write the final single-file artifact from the solved tasks only, in a fresh chat. */
export async function generatePhase(input: GeneratePhaseInput): Promise<PhaseOutcome<GeneratedArtifact>> {
  const prompt = renderPrompt('generate', {
    task: input.task,
    artifact_file_name: input.artifactFileName,
    solved_tasks_json: JSON.stringify(input.state.solved_tasks, null, 2),
    failing_behaviours: failingBehavioursSection(FAILURES_HEADING, input.failures),
  });
  return callWithRetries(input.context, {
    phase: 'generate',
    iteration: 0,
    system: prompt.system,
    prompt: prompt.user,
    schema: GeneratedArtifactSchema,
    jsonSchema: generatedArtifactJsonSchema,
    schemaName: GENERATED_ARTIFACT_SCHEMA_NAME,
    check: checkGeneratedArtifact,
  });
}
