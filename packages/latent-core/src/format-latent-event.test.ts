import { describe, expect, it } from 'vitest';
import { formatLatentEvent } from './format-latent-event.js';

describe('formatLatentEvent', () => {
  it('prints the seed console lines', () => {
    expect(formatLatentEvent({ type: 'loop-start', directory: 'output/run_20260131_143022', mode: 'fresh', provider: 'lmstudio', modelId: 'qwen', resumedFrom: undefined })).toEqual([
      '📁 Output directory: output/run_20260131_143022',
      '🔄 Context isolation: FRESH LLM context for each phase',
      '💾 State persistence: Only ReasoningState JSON carries between phases',
    ]);
    expect(formatLatentEvent({ type: 'phase-start', phase: 'init', iteration: 0, blockers: 0, failures: 0 })).toEqual([
      "[1] Decomposing: WRITE what you know, ASK about what you don't...",
    ]);
    const tokens = { prompt: 10, completion: 20 };
    expect(
      formatLatentEvent({ type: 'phase-end', phase: 'init', iteration: 0, solved: 4, unsolved: 8, blockers: 24, blockerAnswers: 0, newlySolved: 4, resolved: 0, resolvedTasks: [], short: false, tokens, durationMs: 5 }),
    ).toEqual(['   ✓ Solved tasks: 4', '   ✓ Unsolved tasks: 8', '   ✓ Blockers to answer: 24']);
    expect(formatLatentEvent({ type: 'phase-start', phase: 'refine', iteration: 1, blockers: 24, failures: 0 })).toEqual([
      '[2.1] SEARCHING to answer 24 blockers (fresh context)...',
    ]);
    expect(
      formatLatentEvent({ type: 'phase-end', phase: 'refine', iteration: 1, solved: 7, unsolved: 5, blockers: 15, blockerAnswers: 8, newlySolved: 3, resolved: 3, resolvedTasks: ['a', 'b', 'c'], short: false, tokens, durationMs: 5 }),
    ).toEqual(['   ✓ Blocker answers accumulated: 8', '   ✓ Solved: 7 (+3)', '   ✓ Unsolved: 5', '   ✓ Open tasks resolved: 3 (a, b, c)']);
    // A FIX round's rewrite resolves a task without a new solved name; one resolved of two wanted is short.
    expect(
      formatLatentEvent({ type: 'phase-end', phase: 'refine', iteration: 2, solved: 7, unsolved: 4, blockers: 9, blockerAnswers: 8, newlySolved: 0, resolved: 1, resolvedTasks: ['fix_rule_3'], short: true, tokens, durationMs: 5 }).at(-1),
    ).toBe('   ⚠ Open tasks resolved: 1 (fix_rule_3) — short round');
    expect(formatLatentEvent({ type: 'all-solved', refinements: 3 })).toEqual(['🎉 All tasks solved after 3 refinement(s)!']);
    expect(formatLatentEvent({ type: 'phase-start', phase: 'generate', iteration: 0, blockers: 0, failures: 0 })).toEqual([
      '[3] Generating code from solved tasks (fresh context)...',
    ]);
    expect(formatLatentEvent({ type: 'artifact-saved', path: 'output/run_x/calculator.html', lines: 450 })).toEqual([
      '   ✓ HTML saved to: output/run_x/calculator.html',
      '   ✓ Lines: 450',
    ]);
  });

  it('prints retries, warnings, stalls and the end of a run', () => {
    expect(formatLatentEvent({ type: 'retry', phase: 'refine', iteration: 2, attempt: 2, maxAttempts: 3, code: 'MODEL_OUTPUT_INVALID_JSON', issues: ['Unexpected end of JSON input'] })).toEqual([
      '   ↻ Retry 2/3 (MODEL_OUTPUT_INVALID_JSON): Unexpected end of JSON input',
    ]);
    expect(formatLatentEvent({ type: 'warning', phase: 'refine', iteration: 1, message: 'restored x' })).toEqual(['   ⚠ restored x']);
    const mend = { kind: 'unsolved-task-restored', task: 'x', message: 'restored x' } as const;
    expect(formatLatentEvent({ type: 'warning', phase: 'refine', iteration: 1, message: 'mended (no retry): restored x', mend })).toEqual(['   🩹 mended (no retry): restored x']);
    expect(formatLatentEvent({ type: 'stalled', refinements: 4, shortRounds: 2, unsolved: 3 })[0]).toContain('stopping after 4 refinement(s) with 3 unsolved');
    expect(formatLatentEvent({ type: 'refine-failed', iteration: 3, code: 'PHASE_OUTPUT_INVALID', message: 'bad', attempts: 3, keptState: 'state_refine_3.json' })[0]).toContain(
      'kept the previous state (state_refine_3.json)',
    );
    expect(formatLatentEvent({ type: 'call-progress', phase: 'refine', iteration: 1, completionTokens: 10, elapsedMs: 100 })).toEqual([]);
    const end = { type: 'loop-end', endReason: 'all-solved', refinements: 2, calls: 4, retries: 1, serverRetries: 0, truncations: 0, tokens: { prompt: 100, completion: 50 }, durationMs: 1500 } as const;
    expect(formatLatentEvent({ ...end, status: 'completed', error: undefined })).toEqual(['✅ Done: 4 call(s), 1 retry(ies), 100 prompt / 50 completion tokens, 1.5 s']);
    expect(formatLatentEvent({ ...end, status: 'error', error: { code: 'PHASE_OUTPUT_INVALID', message: 'bad' } })[0]).toBe('❌ Failed (PHASE_OUTPUT_INVALID): bad');
    expect(formatLatentEvent({ ...end, status: 'interrupted', error: undefined })[0]).toMatch(/^⏹ Interrupted/);
    expect(formatLatentEvent({ ...end, serverRetries: 2, status: 'completed', error: undefined })[0]).toContain('1 retry(ies), 2 server retry(ies)');
  });

  it('prints FIX and one-shot starts', () => {
    expect(formatLatentEvent({ type: 'phase-start', phase: 'fix', iteration: 0, blockers: 0, failures: 3 })).toEqual([
      '[1] FIX: adding 3 failing behaviour(s) as unsolved tasks with blockers...',
    ]);
    expect(formatLatentEvent({ type: 'phase-start', phase: 'one-shot', iteration: 0, blockers: 0, failures: 0 })[0]).toContain('one-shot');
  });
});
