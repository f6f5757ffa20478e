/**
 * A `Retry-After` header (RFC 9110 §10.2.3) → milliseconds to wait, or undefined when absent or
 * unreadable. It is either delay-seconds (`120`) or an HTTP date; a date in the past means "now".
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Only a real date: `Date.parse` also accepts bare numbers and odd fragments, which the branch above already took.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
