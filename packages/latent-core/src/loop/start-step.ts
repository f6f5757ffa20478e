import { fixPhase } from '../phases/fix-phase.js';
import { initPhase } from '../phases/init-phase.js';
import type { FixFailure, ReasoningState } from '../reasoning-state.js';
import { RUN_FILES } from '../run-directory.js';
import { boundBlockerAnswers } from '../state/blocker-answers.js';
import { isShortRound, shortStreakAfter, type LoopPosition } from './loop-policy.js';
import type { LoopSession } from './loop-session.js';

export type StartMode = { kind: 'fresh'; pitfalls?: readonly FixFailure[] | undefined } | { kind: 'fix'; previousState: unknown; failures: readonly FixFailure[] };

/** Where refinement starts: `final` when state_final.json was already saved (only GENERATE is left). */
export interface StartPosition extends LoopPosition {
  final: boolean;
}

/** Resume: the last complete state on disk, with the short-round streak recounted from the saved rounds. */
function resumeStep(session: LoopSession): StartPosition | undefined {
  const point = session.resumePoint;
  if (point.kind !== 'state') return undefined;
  const shortStreak = point.rounds.reduce(
    (streak, round) => shortStreakAfter(streak, isShortRound(round.resolved, round.openBefore, session.settings.minSolvePerIteration)),
    0,
  );
  return { state: point.state, refinements: point.refinements, shortStreak, final: point.final };
}

/** FIX: the failures join the last state as unsolved tasks (no model call); answers of solved tasks retire. */
async function fixStep(session: LoopSession, mode: Extract<StartMode, { kind: 'fix' }>): Promise<ReasoningState> {
  const startedAt = new Date();
  session.emit({ type: 'phase-start', phase: 'fix', iteration: 0, blockers: 0, failures: mode.failures.length });
  const state = boundBlockerAnswers(await fixPhase({ previousState: mode.previousState, failures: mode.failures }), session.settings.maxBlockerAnswers);
  await session.directory.writeState(RUN_FILES.stateFix, state);
  session.phaseEnd('fix', 0, state, { newlySolved: 0, resolvedTasks: [], short: false }, undefined, startedAt);
  await session.recordPhase('fix', 0, startedAt, undefined);
  return state;
}

/** INIT: the model decomposes the task (with known pitfalls after a fresh start). */
async function initStep(session: LoopSession, pitfalls: readonly FixFailure[] | undefined): Promise<ReasoningState> {
  session.throwIfAborted();
  const startedAt = new Date();
  session.emit({ type: 'phase-start', phase: 'init', iteration: 0, blockers: 0, failures: pitfalls?.length ?? 0 });
  const { task, artifactFileName } = session.options;
  const outcome = await initPhase({ context: session.context, task, artifactFileName, pitfalls });
  const state = outcome.value;
  await session.directory.writeState(RUN_FILES.stateInit, state);
  session.phaseEnd('init', 0, state, { newlySolved: state.solved_tasks.length, resolvedTasks: [], short: false }, outcome, startedAt);
  await session.recordPhase('init', 0, startedAt, outcome);
  return state;
}

/** The first state of refinement: resumed from disk, else FIX or INIT. */
export async function startStep(session: LoopSession, mode: StartMode): Promise<StartPosition> {
  const resumed = resumeStep(session);
  if (resumed) return resumed;
  const state = mode.kind === 'fix' ? await fixStep(session, mode) : await initStep(session, mode.pitfalls);
  return { state, refinements: 0, shortStreak: 0, final: false };
}
