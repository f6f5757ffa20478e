import type { LatentEvent } from './events.js';

/** The seed tool's console lines for one event (empty when the event prints nothing). */
export function formatLatentEvent(event: LatentEvent): string[] {
  switch (event.type) {
    case 'loop-start':
      return [
        `📁 Output directory: ${event.directory}`,
        ...(event.resumedFrom ? [`⏩ Resuming from: ${event.resumedFrom}`] : []),
        ...(event.mode === 'one-shot'
          ? ['🎯 One-shot mode: a single GENERATE call from the task alone (baseline)']
          : [
              '🔄 Context isolation: FRESH LLM context for each phase',
              '💾 State persistence: Only ReasoningState JSON carries between phases',
            ]),
      ];
    case 'phase-start':
      switch (event.phase) {
        case 'init':
          return ["[1] Decomposing: WRITE what you know, ASK about what you don't..."];
        case 'fix':
          return [`[1] FIX: adding ${event.failures} failing behaviour(s) as unsolved tasks with blockers...`];
        case 'refine':
          return [`[2.${event.iteration}] SEARCHING to answer ${event.blockers} blockers (fresh context)...`];
        case 'generate':
          return ['[3] Generating code from solved tasks (fresh context)...'];
        case 'one-shot':
          return ['[1] Generating code from the task alone (one-shot, fresh context)...'];
      }
      return [];
    case 'phase-end':
      switch (event.phase) {
        case 'init':
        case 'fix':
          return [
            `   ✓ Solved tasks: ${event.solved}`,
            `   ✓ Unsolved tasks: ${event.unsolved}`,
            `   ✓ Blockers to answer: ${event.blockers}`,
          ];
        case 'refine':
          return [
            `   ✓ Blocker answers accumulated: ${event.blockerAnswers}`,
            `   ✓ Solved: ${event.solved} (+${event.newlySolved})`,
            `   ✓ Unsolved: ${event.unsolved}`,
            `   ${event.short ? '⚠' : '✓'} Open tasks resolved: ${event.resolved}${event.resolvedTasks.length > 0 ? ` (${event.resolvedTasks.join(', ')})` : ''}${event.short ? ' — short round' : ''}`,
          ];
        default:
          return [];
      }
    case 'retry':
      return [`   ↻ Retry ${event.attempt}/${event.maxAttempts} (${event.code}): ${event.issues.slice(0, 3).join('; ')}`];
    case 'warning':
      // A mend is not a failure: the answer was used as it came, one slip put right (no retry spent).
      return [event.mend ? `   🩹 ${event.message}` : `   ⚠ ${event.message}`];
    case 'stalled':
      return [
        `⚠ Too few open tasks resolved in ${event.shortRounds} refinement(s) in a row: stopping after ${event.refinements} refinement(s) with ${event.unsolved} unsolved task(s).`,
      ];
    case 'refine-failed':
      return [`   ⚠ REFINE ${event.iteration} gave no usable answer in ${event.attempts} attempt(s); kept the previous state (${event.keptState}): ${event.message}`];
    case 'call-progress':
    case 'call-finished':
      // Live figures and per-call bookkeeping: a reporter shows them its own way (spinner, budget).
      return [];
    case 'all-solved':
      return [`🎉 All tasks solved after ${event.refinements} refinement(s)!`];
    case 'max-refinements':
      return [`⚠ Max refinements (${event.refinements}) reached with ${event.unsolved} unsolved task(s).`];
    case 'artifact-saved':
      return [`   ✓ HTML saved to: ${event.path}`, `   ✓ Lines: ${event.lines}`];
    case 'loop-end': {
      const serverRetries = event.serverRetries > 0 ? `, ${event.serverRetries} server retry(ies)` : '';
      const summary = `${event.calls} call(s), ${event.retries} retry(ies)${serverRetries}, ${event.tokens.prompt} prompt / ${event.tokens.completion} completion tokens, ${(event.durationMs / 1000).toFixed(1)} s`;
      if (event.status === 'completed') return [`✅ Done: ${summary}`];
      if (event.status === 'interrupted') return [`⏹ Interrupted: ${summary}`];
      return [`❌ Failed (${event.error?.code ?? 'unknown'}): ${event.error?.message ?? ''}`, `   ${summary}`];
    }
  }
}
