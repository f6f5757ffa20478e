/** Console messages and uncaught errors a page may send the judge per document; the rest are only counted. */
export const PAGE_MESSAGE_LIMIT = 60;
/** Where the page keeps its counts (`{ console, errors }`), read back by the fixture when the page went over. */
export const PAGE_COUNTS_GLOBAL = '__ndliMessageCounts';
/** The console message the page sends once it starts holding messages back. */
export const QUIETED_MARKER = '[ndli] further messages of this page are counted, not recorded';

/**
 * An init script (runs before the app's own scripts in every document) that caps what a noisy app sends over the
 * DevTools protocol. An app logging on every timer tick would otherwise flood Playwright with thousands of events a
 * second — each one turned into a message object in the worker — until every action times out, though its
 * behaviour is correct. Past the limit, console calls are counted and dropped, and uncaught errors are counted and
 * marked handled (`preventDefault`), which keeps Chromium from reporting them.
 */
export function quietPageScript(limit = PAGE_MESSAGE_LIMIT): string {
  return `(() => {
  const limit = ${limit};
  const counts = { console: 0, errors: 0 };
  Object.defineProperty(window, ${JSON.stringify(PAGE_COUNTS_GLOBAL)}, { value: counts });
  const report = console.error;
  for (const method of ['error', 'warn', 'log', 'info', 'debug', 'trace']) {
    const original = console[method];
    if (typeof original !== 'function') continue;
    console[method] = function (...args) {
      counts.console += 1;
      if (counts.console <= limit) return original.apply(console, args);
      if (counts.console === limit + 1) report.call(console, ${JSON.stringify(QUIETED_MARKER)});
    };
  }
  const hold = (event) => {
    counts.errors += 1;
    if (counts.errors > limit) event.preventDefault();
  };
  window.addEventListener('error', hold);
  window.addEventListener('unhandledrejection', hold);
})();`;
}
