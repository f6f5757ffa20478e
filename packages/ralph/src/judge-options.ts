import { availableParallelism } from 'node:os';
import type { BrowserChoice, BrowserOptions } from './browser.js';
import type { JudgeProgress } from './judge-progress.js';
import type { JudgeBehaviour } from './judge-profile.js';
import type { DEFAULT_TIMEOUTS, TraceMode } from './playwright-config.js';
import type { SpecFolder, SpecLookupOptions } from './spec-folder/spec-folder.js';
import type { Verdict } from './verdict.js';

export interface JudgeOptions {
  browser?: BrowserOptions;
  /** Playwright workers (default: min(2, cores)). */
  workers?: number;
  /** Traces of failed tests (default 'retain-on-failure': actions, console, network, recorded on their re-run; see TraceMode). */
  trace?: TraceMode;
  /**
   * Wall-clock limit of one run; the run ends with a report (unfinished tests fail as not run). Default 300 s:
   * an app that fails every calculator test needs ~190 s on a 2-core machine (each failure replaces a
   * Playwright worker), and its verdict should still be complete.
   */
  timeoutMs?: number;
  /** Per-test limits (defaults: test 5 s, expect 1 s, action 2 s, navigation 3 s). Raise them on a loaded machine. */
  timeouts?: Partial<Record<keyof typeof DEFAULT_TIMEOUTS, number>>;
  /** `current` (default) or `previous` (for `pnpm bench:ralph`'s comparison): see judge-profile.ts. */
  behaviour?: JudgeBehaviour;
  /** Failures re-run with traces at most (default DEFAULT_RERUN_LIMIT; past it, a sample across describe blocks). */
  rerunLimit?: number;
}

export interface JudgeRunOptions extends SpecLookupOptions {
  /** A loaded spec folder, or a name/path for loadSpec. */
  spec: SpecFolder | string;
  /** Path of the HTML artifact to judge. */
  artifact: string;
  /** Where verdict.json, report.json, screenshots and traces go (default: a new temp directory). */
  outputDirectory?: string;
  signal?: AbortSignal;
  /**
   * Stop after this many failed tests (default: run every test). For "does the suite catch this
   * bug?" one failure answers the question; a FIX round needs them all.
   */
  maxFailures?: number;
  /** Overrides the judge's trace setting for this run. */
  trace?: TraceMode;
  /** Re-run the failed tests once with traces (default true; the `previous` behaviour never does). */
  rerunFailures?: boolean;
  /** Overrides the judge's rerunLimit for this run. */
  rerunLimit?: number;
  /** Live progress while Playwright runs: tests done of total, failures so far. */
  onProgress?: (progress: JudgeProgress) => void;
  /**
   * Run only these tests, by full title (`describe › … › title`, as failures and FIX blockers name them).
   * Unknown titles select nothing; a run that selects no test at all is an error.
   */
  tests?: readonly string[];
}

export interface Judge {
  readonly browser: BrowserChoice;
  /** Runs the spec's Playwright tests against the artifact and returns the verdict (also written to verdict.json). */
  run(options: JudgeRunOptions): Promise<Verdict>;
  /** Ends the judge: later runs throw JudgeClosedError. */
  close(): Promise<void>;
}

export interface RunSpecsOptions extends JudgeRunOptions, JudgeOptions {}

/** The judge's Playwright workers unless told otherwise: one per core, at most two. */
export function defaultJudgeWorkers(): number {
  return Math.min(2, availableParallelism());
}
