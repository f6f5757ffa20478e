/** Default per-call timeout: a local model on CPU can legitimately take minutes, but never forever. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10 * 60 * 1000;
