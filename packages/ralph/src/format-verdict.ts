import { headline } from './assertion-message.js';
import { verdictOutcome, type Verdict } from './verdict.js';

const MARK = { green: '✓', red: '✗', 'judge-error': '?' } as const;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function list(label: string, items: readonly string[]): string[] {
  return items.length > 0 ? [`    ${label}: ${items.join(' | ')}`] : [];
}

/** A readable console verdict: counts, then each failure with its actions, expected vs actual and the page's errors. */
export function formatVerdict(verdict: Verdict): string {
  const lines: string[] = [];
  const mark = MARK[verdictOutcome(verdict)];
  const unjudged = verdict.judgeErrors.length > 0 ? `, ${verdict.judgeErrors.length} not judged (harness errors)` : '';
  const flaky = verdict.flaky.length > 0 ? `, ${verdict.flaky.length} flaky` : '';
  const skipped = verdict.skipped > 0 ? `, ${verdict.skipped} skipped` : '';
  lines.push(`${mark} ${verdict.spec}: ${verdict.passed}/${verdict.total} passed, ${verdict.failed} failed${unjudged}${flaky}${skipped} in ${seconds(verdict.durationMs)}`);
  lines.push(`  artifact: ${verdict.artifact}`);
  lines.push(`  browser:  ${verdict.browser.executablePath} (${verdict.browser.source})${verdict.sandbox ? `, OS sandbox ${verdict.sandbox.osSandbox ? 'on' : 'off'}` : ''}`);
  for (const error of verdict.runErrors) lines.push(`  run error: ${error}`);
  // Apart from the failures: the harness could not judge these, and the app is not blamed for them.
  for (const error of verdict.judgeErrors) {
    lines.push(`  ? not judged (harness error, twice): ${[...error.describePath, error.title].join(' › ')}  (${error.file}:${error.line})`, `      ${headline(error.message).split('\n')[0] ?? ''}`);
  }
  for (const title of verdict.flaky) lines.push(`  ~ flaky (failed, then passed on its re-run): ${title}`);
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
