import { PhaseOutputError } from '../errors.js';
import { refinePhase } from '../phases/refine-phase.js';
import { countBlockers } from '../reasoning-state.js';
import { RUN_FILES } from '../run-directory.js';
import type { IterationProgress } from '../run-metadata.js';
import { isShortRound, refineTarget, shortStreakAfter, type LoopPosition } from './loop-policy.js';
import type { LoopSession } from './loop-session.js';

/**
 * One REFINE round. Its state is saved as state_refine_N.json (complete, whatever the answer listed).
 * A round whose attempts all produced bad output keeps the last valid state: the round counts, made
 * no progress, and the loop goes on to its normal end (stall, max refinements, then GENERATE).
 */
export async function refineStep(session: LoopSession, position: LoopPosition, iteration: number): Promise<LoopPosition> {
  session.throwIfAborted();
  const { settings, metadata } = session;
  const before = position.state;
  const openBefore = before.unsolved_tasks.length;
  const startedAt = new Date();
  session.emit({ type: 'phase-start', phase: 'refine', iteration, blockers: countBlockers(before), failures: 0 });
  const { task, artifactFileName } = session.options;
  const file = RUN_FILES.stateRefine(iteration);
  const progress: IterationProgress = { iteration, openBefore, target: refineTarget(settings.minSolvePerIteration, openBefore), resolved: [], written: [], short: true, status: 'accepted' };
  try {
    const outcome = await refinePhase({ context: session.context, task, artifactFileName, state: before, iteration });
    const { state, resolved, written, newlySolved, mends } = outcome.value;
    await session.directory.writeState(file, state);
    Object.assign(progress, { resolved, written, short: isShortRound(resolved.length, openBefore, settings.minSolvePerIteration), ...(mends.length > 0 ? { mends } : {}) });
    metadata.refinements = iteration;
    metadata.iterations.push(progress);
    session.phaseEnd('refine', iteration, state, { newlySolved: newlySolved.length, resolvedTasks: resolved, short: progress.short }, outcome, startedAt);
    await session.recordPhase('refine', iteration, startedAt, outcome);
    return { state, refinements: iteration, shortStreak: shortStreakAfter(position.shortStreak, progress.short) };
  } catch (error) {
    if (!(error instanceof PhaseOutputError)) throw error;
    await session.directory.writeState(file, before);
    const failure = { code: error.code, message: error.message };
    Object.assign(progress, { status: 'failed', failure });
    metadata.refinements = iteration;
    metadata.iterations.push(progress);
    session.emit({ type: 'refine-failed', iteration, ...failure, attempts: error.attempts.length, keptState: file });
    session.phaseEnd('refine', iteration, before, { newlySolved: 0, resolvedTasks: [], short: true }, undefined, startedAt);
    await session.recordPhase('refine', iteration, startedAt, { value: undefined, attempts: error.attempts.length, tokens: error.tokens, durationMs: Date.now() - startedAt.getTime() });
    return { state: before, refinements: iteration, shortStreak: shortStreakAfter(position.shortStreak, true) };
  }
}
