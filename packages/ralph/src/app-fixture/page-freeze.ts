import type { Page } from 'playwright/test';

/**
 * True when the page's main thread answers within `ms` (a script stuck in a loop never does). An evaluation the
 * page cuts short by navigating ("Execution context was destroyed": the test reloaded, re-opened the app, or the
 * app navigated itself) is an answer too: a renderer stuck in a script commits no navigation. Counting it as
 * silence closed a correct app's page whenever a check happened to span a load. A closed page never answers.
 */
export async function answers(page: Pick<Page, 'evaluate' | 'isClosed'>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([page.evaluate(() => true).catch(() => !page.isClosed()), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long the page may leave a check unanswered before it counts as frozen. */
export const FREEZE_MS = 2_000;

/**
 * Calls `onFreeze` once if the page stops answering (its main thread stuck in a script). A frozen app would
 * otherwise hold the test until its timeout, then hold Playwright's screenshot and snapshot of the failure.
 * Returns a function that stops watching.
 */
export function watchForFreeze(page: Page, onFreeze: () => Promise<void>): () => void {
  let stopped = false;
  let checking = false;
  const timer = setInterval(() => {
    if (stopped || checking || page.isClosed()) return;
    checking = true;
    void answers(page, FREEZE_MS).then(async (alive) => {
      checking = false;
      if (alive || stopped || page.isClosed()) return;
      stopped = true;
      clearInterval(timer);
      await onFreeze();
    });
  }, 1_000);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
