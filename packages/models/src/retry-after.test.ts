import { describe, expect, it } from 'vitest';
import { parseRetryAfterMs } from './retry-after.js';

describe('parseRetryAfterMs', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfterMs('2')).toBe(2000);
    expect(parseRetryAfterMs(' 0 ')).toBe(0);
    expect(parseRetryAfterMs('1.5')).toBe(1500);
  });

  it('reads an HTTP date relative to now, and a past date as no wait', () => {
    const now = Date.parse('Tue, 01 Dec 2026 20:00:00 GMT');
    expect(parseRetryAfterMs('Tue, 01 Dec 2026 20:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfterMs('Tue, 01 Dec 2026 19:59:00 GMT', now)).toBe(0);
  });

  it('ignores an absent, empty or unreadable header', () => {
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
    expect(parseRetryAfterMs('')).toBeUndefined();
    expect(parseRetryAfterMs('soon')).toBeUndefined();
    expect(parseRetryAfterMs('-3')).toBeUndefined();
  });
});
