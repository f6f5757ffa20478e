import type { Transcript } from '@ndli/models';
import { changedTasks, solvedTasksFromPage } from './reference-tasks.js';
import { partlySolvedState, scriptedTranscript, solvedChangesState, type ScriptedAnswer } from './scripted-transcript.js';

/**
 * SCRIPTED scenarios for demos and offline tests of the whole machinery. Each is a sequence of
 * hand-written answers built from a spec's reference app and its seeded bugs — never a model's output.
 */

export interface FixTask {
  name: string;
  what_i_know: string;
  blockers: string[];
}

const ANSWERS = ['Every blocker is settled by the task text: its rules and examples state the exact display for each case.'];

/**
 * INIT writes 40% of the tasks, REFINE 1 reaches 70%, REFINE 2 solves the rest, GENERATE writes `html`.
 * The REFINE answers list only what they solve (`changes` mode, the default).
 */
function firstRound(html: string): ScriptedAnswer[] {
  const tasks = solvedTasksFromPage(html);
  return [
    { kind: 'state', state: partlySolvedState(tasks, 0.4) },
    { kind: 'state', state: solvedChangesState(tasks, 0.4, 0.7, ANSWERS) },
    { kind: 'state', state: solvedChangesState(tasks, 0.7, 1) },
    { kind: 'artifact', html },
  ];
}

/**
 * The FIX round's REFINE: only the rewritten tasks, the first naming every FIX task in `resolves` —
 * the model must say which failing behaviours its new code answers, or the loop would not count them.
 */
function fixAnswer(buggy: string, reference: string, fixTaskNames: readonly string[]): ScriptedAnswer {
  const rewritten = changedTasks(solvedTasksFromPage(buggy), solvedTasksFromPage(reference));
  const [first, ...rest] = rewritten;
  if (!first) throw new Error('fixScenario: the reference and the buggy app have the same tasks; nothing to rewrite');
  const names = rewritten.map((task) => task.name).join(', ');
  return {
    kind: 'state',
    state: {
      solved_tasks: [{ ...first, resolves: [...fixTaskNames] }, ...rest],
      unsolved_tasks: [],
      blocker_answers: fixTaskNames.map((name) => `[${name}] The failing tests point at ${names}: rewritten to follow the rule the blockers quote.`),
    },
  };
}

/** INIT → REFINE → GENERATE of a correct app: green in round 1. */
export function passScenario(options: { modelId: string; reference: string }): Transcript {
  return scriptedTranscript({ description: 'SCRIPTED: the reference app, reached in one round', modelId: options.modelId, answers: firstRound(options.reference) });
}

/**
 * Round 1 generates an app with a real bug (red verdict); the FIX round's REFINE rewrites the faulty
 * tasks by name, naming the FIX tasks (`fixTaskNames`, as Ralph names them) it resolves, and GENERATE
 * writes the corrected app (green verdict).
 */
export function fixScenario(options: { modelId: string; reference: string; buggy: string; bugDescription: string; fixTaskNames: readonly string[] }): Transcript {
  return scriptedTranscript({
    description: `SCRIPTED: round 1 has a real bug (${options.bugDescription}); a FIX round repairs it`,
    modelId: options.modelId,
    answers: [...firstRound(options.buggy), fixAnswer(options.buggy, options.reference, options.fixTaskNames), { kind: 'artifact', html: options.reference }],
  });
}

/**
 * Round 1 has a bug; every FIX round makes no progress (its REFINEs return the state unchanged) and
 * regenerates the same app: the same failures with the same blockers, so the run ends `stalled`.
 */
export function stallScenario(options: { modelId: string; buggy: string; fixTasks: readonly FixTask[]; fixRounds: number; refineStallLimit: number }): Transcript {
  const tasks = solvedTasksFromPage(options.buggy);
  const unchanged: ScriptedAnswer = { kind: 'state', state: { solved_tasks: tasks, unsolved_tasks: options.fixTasks.map((task) => ({ ...task })), blocker_answers: [...ANSWERS] } };
  const fixRound: ScriptedAnswer[] = [...Array.from({ length: options.refineStallLimit }, () => unchanged), { kind: 'artifact', html: options.buggy }];
  return scriptedTranscript({
    description: 'SCRIPTED: a bug no FIX round repairs (stalls)',
    modelId: options.modelId,
    answers: [...firstRound(options.buggy), ...Array.from({ length: options.fixRounds }, () => fixRound).flat()],
  });
}

/** `--one-shot`: a single GENERATE answer. */
export function oneShotScenario(options: { modelId: string; html: string }): Transcript {
  return scriptedTranscript({ description: 'SCRIPTED: one-shot generation', modelId: options.modelId, answers: [{ kind: 'artifact', html: options.html }] });
}

/** A model that never produces valid JSON: INIT fails after every retry (a schema failure). */
export function schemaFailureScenario(options: { modelId: string; attempts: number }): Transcript {
  return scriptedTranscript({
    description: 'SCRIPTED: output that is never valid JSON',
    modelId: options.modelId,
    answers: Array.from({ length: options.attempts }, (_, attempt) => ({
      kind: 'raw' as const,
      schemaName: 'reasoning_state',
      rawText: attempt % 2 === 0 ? 'Sure! Here is my plan: first I will build the display, then the keys.' : '{"solved_tasks": [{"name": "display", "solution_code": "function show(',
      ...(attempt % 2 === 1 ? { finishReason: 'length' as const } : {}),
    })),
  });
}
