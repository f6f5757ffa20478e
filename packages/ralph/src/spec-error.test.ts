import { describe, expect, it } from 'vitest';
import { specFaultReason } from './spec-error.js';

const failed = (errors: string[], neverReachedApp = false) => ({ status: 'failed', errors, neverReachedApp });

describe('specFaultReason', () => {
  it('calls a navigation without a base URL the spec’s fault and says how to reach the app', () => {
    expect(specFaultReason(failed(['Error: page.goto: Protocol error (Page.navigate): Cannot navigate to invalid URL']))).toContain("page.goto('/')");
  });

  it('names the other site a test navigates to, and leaves a navigation within the app alone', () => {
    expect(specFaultReason(failed(['Error: page.goto: net::ERR_BLOCKED_BY_CLIENT at https://demo.playwright.dev/todomvc\nCall log: …']))).toContain('https://demo.playwright.dev/todomvc');
    expect(specFaultReason(failed(['Error: page.goto: net::ERR_BLOCKED_BY_CLIENT at http://ndli.app.test/x']))).toBeUndefined();
  });

  it('blames the test that failed before any page of the app was loaded, whatever the error', () => {
    expect(specFaultReason(failed(['Error: fixture "todoPage" failed: boom'], true))).toContain('before it reached the app');
    expect(specFaultReason({ status: 'timedOut', errors: ['Test timeout of 5000ms exceeded.'], neverReachedApp: true })).toBeDefined();
  });

  it('leaves an assertion on the app to the app', () => {
    expect(specFaultReason(failed(['expect(locator).toHaveText(expected) failed\n\nExpected: "2 items left"\nReceived: "3 items left"']))).toBeUndefined();
    expect(specFaultReason({ status: 'skipped', errors: [], neverReachedApp: true })).toBeUndefined();
  });
});
