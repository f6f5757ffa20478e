import { headline } from './assertion-message.js';
import type { Verdict } from './verdict.js';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function list(label: string, items: readonly string[]): string[] {
  return items.length > 0 ? [`    ${label}: ${items.join(' | ')}`] : [];
}

/** A readable console verdict: counts, then each failure with its actions, expected vs actual and the page's errors. */
export function formatVerdict(verdict: Verdict): string {
  const lines: string[] = [];
  const mark = verdict.failed === 0 ? '✓' : '✗';
  const skipped = verdict.skipped > 0 ? `, ${verdict.skipped} skipped` : '';
  lines.push(`${mark} ${verdict.spec}: ${verdict.passed}/${verdict.total} passed, ${verdict.failed} failed${skipped} in ${seconds(verdict.durationMs)}`);
  lines.push(`  artifact: ${verdict.artifact}`);
  lines.push(`  browser:  ${verdict.browser.executablePath} (${verdict.browser.source})`);
  for (const error of verdict.runErrors) lines.push(`  run error: ${error}`);
  for (const failure of verdict.failures) {
    const where = `${failure.file}:${failure.line}`;
    lines.push('', `  ✗ ${[...failure.describePath, failure.title].join(' › ')}  (${where}, ${failure.status})`);
    lines.push(`    actions: ${failure.actions.length > 0 ? failure.actions.join(', ') : '(none: on load)'}`);
    if (failure.expected !== undefined || failure.actual !== undefined) {
      lines.push(`    expected: ${failure.expected ?? '?'}`, `    actual:   ${failure.actual ?? '?'}`);
    } else {
      lines.push(`    error: ${headline(failure.message).split('\n').join('\n           ')}`);
    }
    lines.push(...list('console errors', failure.consoleErrors), ...list('page errors', failure.pageErrors), ...list('dialogs', failure.dialogs), ...list('blocked requests', failure.blockedRequests));
    if (failure.screenshot) lines.push(`    screenshot: ${failure.screenshot}`);
    if (failure.trace) lines.push(`    trace: ${failure.trace}`);
  }
  lines.push('', `  evidence: ${verdict.outputDirectory}`);
  return lines.join('\n');
}
