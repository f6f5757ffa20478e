import { describe, expect, it } from 'vitest';
import { EXIT } from '../cli-errors.js';
import type { RunOutcome } from '../run/drive-run.js';
import type { RunStatus } from '../run/run-metadata.js';
import { exitCodeFor, flagsToConfig } from './run-command.js';

const outcome = (status: RunStatus) => ({ status }) as RunOutcome;

describe('ndli run exit codes and flags', () => {
  it('a judge error exits 3 like a runtime error: the harness failed, not the app', () => {
    expect(exitCodeFor(outcome('judge-error'))).toBe(EXIT.error);
    expect(exitCodeFor(outcome('passed'))).toBe(EXIT.passed);
    expect(exitCodeFor(outcome('stalled'))).toBe(EXIT.failed);
    expect(exitCodeFor(outcome('interrupted'))).toBe(EXIT.interrupted);
  });

  it('--max-restarts reaches the config', () => {
    expect(flagsToConfig({ fix: true, record: true, maxRestarts: 3 }).maxRestarts).toBe(3);
    expect(flagsToConfig({ fix: true, record: true }).maxRestarts).toBeUndefined();
  });
});
