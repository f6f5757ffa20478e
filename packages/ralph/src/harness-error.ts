import type { AppDiagnostics } from './app-fixture/app-fixture.js';

/**
 * Failures that come from the judge's own machinery, not from the app: Playwright's artifacts vanishing under it
 * (ENOENT on `.playwright-artifacts-N`, traces, results), its internal errors, the browser or a worker process dying
 * on its own, the machine running out of files or disk. A harness error must never be blamed on the app.
 */
const HARNESS_PATTERNS: readonly RegExp[] = [
  /\bENOENT\b[\s\S]*?(?:\.playwright-artifacts|[\\/]traces?[\\/]|\.trace\b|\.zip\b|test-results|[\\/]results[\\/]|[\\/]diagnostics[\\/])/,
  /\bInternal error\b/i,
  /\b(?:browserContext|tracing|browserType|browser)\.(?:close|start|stop|startChunk|stopChunk|newContext|newPage|launch):/,
  /\bWorker process exited unexpectedly\b/i,
  /\bworker (?:process )?(?:crashed|was killed)\b/i,
  /\b(?:EMFILE|ENFILE|ENOSPC|EACCES|EPERM)\b/,
  /\bBrowser (?:closed|has been closed|has disconnected)\b/i,
];

/**
 * Evidence that the page itself broke: its renderer crashed, it froze, it never finished loading. The errors
 * Playwright raises afterwards ("Target page … has been closed") are then the app's fault.
 */
const APP_FAULT_MARKERS: readonly RegExp[] = [/The page crashed/, /The page stopped responding/, /never finished loading/];

export interface FailedResult {
  /** Playwright's status of the result: only `failed` can be a harness error (a timeout is the app being slow or stuck). */
  status: string;
  /** Error messages and stacks of the result, ANSI codes stripped. */
  errors: readonly string[];
  diagnostics: Pick<AppDiagnostics, 'pageErrors'>;
}

/** True when a failed test failed because of the harness (see HARNESS_PATTERNS), not because of the app. */
export function isHarnessError(result: FailedResult): boolean {
  if (result.status !== 'failed' || result.errors.length === 0) return false;
  if (result.diagnostics.pageErrors.some((error) => APP_FAULT_MARKERS.some((marker) => marker.test(error)))) return false;
  return result.errors.some((text) => HARNESS_PATTERNS.some((pattern) => pattern.test(text)));
}
