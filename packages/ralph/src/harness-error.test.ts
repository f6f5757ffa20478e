import { describe, expect, it } from 'vitest';
import { isHarnessError } from './harness-error.js';

const quiet = { pageErrors: [] };

describe('isHarnessError', () => {
  it.each([
    ["browserContext.close: ENOENT: no such file or directory, open '/out/results/.playwright-artifacts-1/traces/ab-recording116.trace'"],
    ['Error: tracing.stopChunk: Target closed'],
    ['Internal error: step id not found: fixture@12'],
    ['Error: Worker process exited unexpectedly (code=null, signal=SIGKILL)'],
    ['Error: EMFILE: too many open files, open /out/diagnostics/x.json'],
    ['browserType.launch: Browser closed.'],
  ])('calls %s a harness error', (message) => {
    expect(isHarnessError({ status: 'failed', errors: [message], diagnostics: quiet })).toBe(true);
  });

  it.each([
    ['expect(locator).toHaveText(expected) failed\n\nExpected: "20"\nReceived: "14"'],
    ['Error: The page has no button[data-key="2"]: the contract requires one button per key.'],
    ["ENOENT: no such file or directory, open 'data.json' (the app's own fetch of a missing file)"],
  ])('calls %s the app’s failure', (message) => {
    expect(isHarnessError({ status: 'failed', errors: [message], diagnostics: quiet })).toBe(false);
  });

  it('blames the app when its page crashed or froze, whatever Playwright said next', () => {
    const closed = ['browserContext.close: Target page, context or browser has been closed'];
    expect(isHarnessError({ status: 'failed', errors: closed, diagnostics: quiet })).toBe(true);
    expect(isHarnessError({ status: 'failed', errors: closed, diagnostics: { pageErrors: ['The page crashed (renderer process died).'] } })).toBe(false);
    expect(isHarnessError({ status: 'failed', errors: closed, diagnostics: { pageErrors: ['The page stopped responding: …'] } })).toBe(false);
  });

  it('never calls a timeout or an error-less result a harness error', () => {
    expect(isHarnessError({ status: 'timedOut', errors: ['Internal error'], diagnostics: quiet })).toBe(false);
    expect(isHarnessError({ status: 'failed', errors: [], diagnostics: quiet })).toBe(false);
  });
});
