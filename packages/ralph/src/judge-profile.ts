import { BASE_CHROMIUM_ARGS, CHROMIUM_ARGS } from './browser.js';
import type { PassTrace, TraceMode } from './playwright-config.js';

/**
 * How the judge runs Playwright: `current` (default) or `previous`, the judge as it was before its speed work, kept
 * for `pnpm bench:ralph`'s comparison (also chosen by NDLI_JUDGE_BEHAVIOUR=previous). Each is a profile of settings
 * the passes read, not a branch in the judge.
 */
export type JudgeBehaviour = 'current' | 'previous';

/** Environment variable choosing the judge's default behaviour (`previous`), e.g. for a cold `ndli test` in the bench. */
export const JUDGE_BEHAVIOUR_ENV = 'NDLI_JUDGE_BEHAVIOUR';

export interface JudgeProfile {
  /** How the `app` fixture keeps tests apart (app-fixture.ts: Isolation). */
  isolation: 'reopen' | 'new-context';
  /** Whether a failure on the app's account may keep its worker (only when every test runs: see app-fixture.ts). */
  keepWorkerOnFailure: boolean;
  chromiumArgs: readonly string[];
  mapOnlyOwnStackFrames: boolean;
  /** What the first pass traces, given the run's trace mode. */
  firstPassTrace: (mode: TraceMode) => PassTrace;
  /** Whether the failed tests are run again, traced. */
  rerunFailures: boolean;
}

const PROFILES: Record<JudgeBehaviour, JudgeProfile> = {
  // One context per worker with the app re-opened per test; no tracing on the first pass, the failures re-run traced.
  current: { isolation: 'reopen', keepWorkerOnFailure: true, chromiumArgs: CHROMIUM_ARGS, mapOnlyOwnStackFrames: true, firstPassTrace: () => 'off', rerunFailures: true },
  // A new context per test, every test traced (kept for failures), no re-run, Playwright's flags and stack hook.
  previous: { isolation: 'new-context', keepWorkerOnFailure: false, chromiumArgs: BASE_CHROMIUM_ARGS, mapOnlyOwnStackFrames: false, firstPassTrace: (mode) => mode, rerunFailures: false },
};

/** The profile of `behaviour`, else of NDLI_JUDGE_BEHAVIOUR, else `current`. */
export function judgeProfile(behaviour?: JudgeBehaviour): JudgeProfile {
  return PROFILES[behaviour ?? (process.env[JUDGE_BEHAVIOUR_ENV] === 'previous' ? 'previous' : 'current')];
}

/** The re-run's trace: every re-run test traced, with snapshots when the run asked for them. */
export function rerunTrace(mode: TraceMode): PassTrace {
  return mode === 'off' ? 'off' : mode === 'retain-on-failure-with-snapshots' ? 'on-with-snapshots' : 'on';
}
