/** An error's stable code, or UNEXPECTED_ERROR for one without. */
export function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'UNEXPECTED_ERROR';
}

/** What the run record keeps of an error: its code and message. */
export function describeError(error: unknown): { code: string; message: string } {
  return { code: errorCode(error), message: error instanceof Error ? error.message : String(error) };
}
