import { countLines } from '../count-lines.js';
import type { EndReason } from '../events.js';
import { generatePhase } from '../phases/generate-phase.js';
import { oneShotPhase } from '../phases/one-shot-phase.js';
import type { PhaseOutcome } from '../phase-context.js';
import { countBlockers, type FixFailure, type GeneratedArtifact, type ReasoningState } from '../reasoning-state.js';
import type { LoopSession } from './loop-session.js';

export interface SavedArtifact {
  path: string;
  html: string;
}

async function saveArtifact(session: LoopSession, outcome: PhaseOutcome<GeneratedArtifact>): Promise<SavedArtifact> {
  const { html } = outcome.value;
  const path = await session.directory.writeArtifact(session.options.artifactFileName, html);
  session.emit({ type: 'artifact-saved', path, lines: countLines(html) });
  return { path, html };
}

/** GENERATE from the solved tasks (and, in FIX rounds, the failing behaviours); ends the session. */
export async function generateStep(
  session: LoopSession,
  state: ReasoningState,
  endReason: EndReason,
  failures: readonly FixFailure[] | undefined,
): Promise<SavedArtifact> {
  session.throwIfAborted();
  const startedAt = new Date();
  session.emit({ type: 'phase-start', phase: 'generate', iteration: 0, blockers: countBlockers(state), failures: failures?.length ?? 0 });
  const { task, artifactFileName } = session.options;
  const outcome = await generatePhase({ context: session.context, task, artifactFileName, state, failures });
  const artifact = await saveArtifact(session, outcome);
  session.phaseEnd('generate', 0, state, { newlySolved: 0, resolvedTasks: [], short: false }, outcome, startedAt);
  await session.recordPhase('generate', 0, startedAt, outcome);
  session.finish(endReason);
  await session.saveMetadata();
  return artifact;
}

/** The ablation baseline: one GENERATE call from the task alone. */
export async function oneShotStep(session: LoopSession): Promise<SavedArtifact> {
  session.throwIfAborted();
  const startedAt = new Date();
  session.emit({ type: 'phase-start', phase: 'one-shot', iteration: 0, blockers: 0, failures: 0 });
  const { task, artifactFileName } = session.options;
  const outcome = await oneShotPhase({ context: session.context, task, artifactFileName });
  const artifact = await saveArtifact(session, outcome);
  await session.recordPhase('one-shot', 0, startedAt, outcome);
  session.finish('one-shot');
  await session.saveMetadata();
  return artifact;
}
