import { describe, expect, it } from 'vitest';
import { resolveSandbox } from './sandbox.js';

describe('resolveSandbox', () => {
  it('knows Chromium cannot start its sandbox as root, without trying', async () => {
    await expect(resolveSandbox('/nowhere/chromium', true)).resolves.toEqual({ osSandbox: false, reason: expect.stringContaining('root') });
  });

  it('turns the sandbox off, saying why, when a trial launch fails', async () => {
    const sandbox = await resolveSandbox('/nowhere/chromium', false);
    expect(sandbox.osSandbox).toBe(false);
    expect(sandbox.reason).toContain('could not start with its OS sandbox');
  });
});
