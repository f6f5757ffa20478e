import type { Page } from 'playwright/test';

/**
 * Playwright's own way of running several client calls as one API call: `ChannelOwner._wrapApiCall`, the method
 * every public call of `page`, `mouse` and `keyboard` goes through. Private, so it is looked up, never assumed:
 * without it the body just runs (one-step.test.ts fails then, naming the upgrade that dropped it).
 */
interface WithWrapApiCall {
  _wrapApiCall(body: () => Promise<void>, options: { title: string }): Promise<void>;
}

function hasWrapApiCall(page: Page): page is Page & WithWrapApiCall {
  return typeof Reflect.get(page, '_wrapApiCall') === 'function';
}

/**
 * Runs `body`, whose Playwright calls (clicks, key presses, evaluations) then count as one API call titled `title`:
 * one reported step instead of one per call, and one captured call stack.
 *
 * Why: in a test run, every API call costs Playwright a step (a 50-frame stack capture, source-mapped, and two
 * messages to the runner process) on top of the protocol work. A calculator key is two calls (find the key, click
 * it), so a sequence of ten keys was twenty steps; on the calculator suite on 2 cores, one step per sequence made the
 * verdict ~5 % faster (median of 8 interleaved pairs). The calls themselves are unchanged: the same protocol
 * messages, timeouts and hit-testing.
 *
 * What fails inside fails as the whole call would: Playwright puts the title before the message (`click 2 + 3:
 * Error: …`, where a lone call says `page.evaluate: Error: …`) and the stack of the place `runAsOneStep` was called
 * from (the spec's line), so a FIX blocker still says which action failed.
 */
export async function runAsOneStep(page: Page, title: string, body: () => Promise<void>): Promise<void> {
  // Called as a method: Playwright names the call after the calling frame, and takes `title` only for a private one.
  await (hasWrapApiCall(page) ? page._wrapApiCall(body, { title }) : body());
}
