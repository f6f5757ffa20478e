/** One actionable line (plus a hint line) for any error reaching the CLI; stack traces only with NDLI_DEBUG=1. */
export function formatCliError(error: unknown): string {
  if (process.env.NDLI_DEBUG === '1' && error instanceof Error && error.stack) return error.stack;
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? ` [${error.code}]` : '';
  const hint = typeof error === 'object' && error !== null && 'hint' in error && typeof error.hint === 'string' ? `\n  → ${error.hint}` : '';
  return `✗ ${message}${code}${hint}`;
}

/** Exit codes: 0 all green, 1 tests failed or stalled, 2 usage/config, 3 runtime error (server, model), 130 interrupted. */
export const EXIT = { passed: 0, failed: 1, usage: 2, error: 3, interrupted: 130 } as const;
