import { describe, expect, it } from 'vitest';
import type { OrchestratorEvent } from '../events.js';
import { createConsoleReporter } from './console-reporter.js';

/** Renders events into plain text (no terminal: no colour, no spinner). */
function render(events: readonly OrchestratorEvent[]): string {
  let text = '';
  const stream = { isTTY: false, write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WriteStream;
  const report = createConsoleReporter({ stdout: stream, stderr: stream, cwd: '/runs' });
  for (const event of events) report(event);
  return text;
}

describe('console lines of the outer loop', () => {
  it('says when a dead writer’s lock is taken over, a fresh start, a re-judge and a reused verdict', () => {
    const text = render([
      { type: 'lock-taken-over', directory: '/runs/run_1', previous: { pid: 4242, host: 'here', startedAt: '2026-12-01T20:00:00.000Z' } },
      { type: 'restart', round: 4, attempt: 2, fromAttempt: 1, failingTests: ['display › adds', 'display › chains'], restartsLeft: 0 },
      { type: 'round-start', round: 4, maxRounds: 5, kind: 'restart', attempt: 2, anchorRound: undefined, fixTasks: 2, failingTests: 0, regressedTests: 0 },
      { type: 'rejudge', round: 4, judgeErrors: ['display › adds'] },
      { type: 'judge-start', round: 5, artifactPath: '/runs/run_1/round_5/app.html', rejudge: false, reusedFrom: 3 },
    ]);
    expect(text).toMatch(/Took over the lock of run_1: its writer \(pid 4242, started 2026-12-01T20:00:00.000Z\) is gone/);
    expect(text).toMatch(/the same 2 test\(s\) kept failing; starting afresh \(attempt 2, 0 fresh start\(s\) left\)/);
    expect(text).toMatch(/Round 4\/5 · FRESH START · attempt 2 \(2 pitfall\(s\)\)/);
    expect(text).toMatch(/judge error \(the harness, not the app\) in 1 test\(s\); nothing failed: judging the same artifact once more/);
    expect(text).toMatch(/identical to round 3's artifact; reusing its verdict \(no browser run\)/);
  });

  it('ends a judge-error run apart from a failure, with the resume command', () => {
    const text = render([
      {
        type: 'run-end',
        status: 'judge-error',
        endReason: 'harness-could-not-judge',
        runDirectory: '/runs/run_1',
        artifactPath: undefined,
        best: undefined,
        rounds: 1,
        restarts: 0,
        tokens: { prompt: 1, completion: 1 },
        durationMs: 1000,
        scripted: false,
        resumeCommand: 'pnpm ndli resume /runs/run_1',
        error: undefined,
      },
    ]);
    expect(text).toMatch(/JUDGE ERROR \(the harness failed, not the app\) · harness-could-not-judge/);
    // Run inside this checkout, hints name the command as `pnpm ndli` (see hints/ndli-command.test.ts).
    expect(text).toMatch(/The harness failed, not the app: .* `pnpm ndli resume` judges the artifact again/);
    expect(text).toMatch(/Resume with: pnpm ndli resume run_1/);
  });
});
