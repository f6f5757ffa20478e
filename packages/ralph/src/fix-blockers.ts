import { headline } from './assertion-message.js';
import { fullTitle, type Failure, type Verdict } from './verdict.js';

/** A FIX-mode unsolved task: the JSON shape of latent-core's `UnsolvedTask` (ralph does not import latent-core). */
export interface FixBlocker {
  name: string;
  what_i_know: string;
  blockers: string[];
}

export interface FixBlockerOptions {
  /** Titles of tests that passed in an earlier round (bare title or `describe › title`); their failures are flagged as regressions. */
  regressedTitles?: Iterable<string>;
}

const MAX_VALUE = 200;
const MAX_ACTIONS = 16;
const LOAD_FAILURE = /The app never finished loading/;

function slug(text: string): string {
  const slugged = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return slugged.slice(0, 60) || 'app';
}

function clip(text: string, max = MAX_VALUE): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function actionsText(actions: readonly string[]): string {
  if (actions.length === 0) return 'on load (no action yet)';
  const shown =
    actions.length > MAX_ACTIONS ? [...actions.slice(0, MAX_ACTIONS / 2), `… ${actions.length - MAX_ACTIONS} more …`, ...actions.slice(-MAX_ACTIONS / 2)] : actions;
  return `after ${shown.join(', ')}`;
}

/** `locator('#display')` → `#display`, from Playwright's `Locator:` line. */
function target(message: string): string {
  const locator = /^Locator:\s*(.+)$/m.exec(message)?.[1]?.trim();
  if (!locator) return 'the page';
  const simple = /^locator\((['"])(.*)\1\)$/.exec(locator);
  return simple?.[2] ?? locator;
}

function evidence(failure: Failure): string {
  const parts: string[] = [];
  if (failure.pageErrors.length > 0) parts.push(`Uncaught errors in the page: ${failure.pageErrors.map((error) => clip(error, 160)).join(' | ')}.`);
  if (failure.consoleErrors.length > 0) parts.push(`Console errors: ${failure.consoleErrors.map((error) => clip(error, 160)).join(' | ')}.`);
  if (failure.dialogs.length > 0) parts.push(`The app opened dialogs (${failure.dialogs.map((dialog) => clip(dialog, 80)).join(' | ')}); dialogs are dismissed, show results in the page instead.`);
  if (failure.blockedRequests.length > 0) parts.push(`The app requested ${failure.blockedRequests.map((url) => clip(url, 80)).join(', ')}, which is blocked: the file must be self-contained (inline CSS/JS, no external resources).`);
  return parts.join(' ');
}

/** One specific, actionable sentence (or three) about one failing test. */
export function describeFailure(failure: Failure, regressed = false): string {
  const prefix = regressed ? 'REGRESSION (this test passed in an earlier round, the last change broke it): ' : '';
  const what = `"${failure.title}"`;
  let sentence: string;
  if (failure.expected !== undefined && failure.actual !== undefined) {
    sentence = `${what}: ${actionsText(failure.actions)}, ${target(failure.message)} shows ${clip(failure.actual)} but the contract requires ${clip(failure.expected)}.`;
  } else if (failure.status === 'didNotRun') {
    sentence = `${what} did not run: the whole run hit its time limit (the app is too slow or hangs).`;
  } else {
    const problem = headline(failure.message);
    const timedOut = failure.status === 'timedOut' ? ' (the test timed out: the app may hang or never show the expected state)' : '';
    sentence = `${what}: ${actionsText(failure.actions)}, the check failed: ${clip(problem, 300).replace(/\.$/, '')}${timedOut}.`;
  }
  const extra = evidence(failure);
  return `${prefix}${sentence}${extra ? ` ${extra}` : ''}`;
}

function loadFailureLine(message: string): string {
  return message.split('\n').find((line) => LOAD_FAILURE.test(line))?.replace(/^\s*Error:\s*/, '').trim() ?? headline(message);
}

function groupKey(failure: Failure): string {
  return failure.describePath.length > 0 ? failure.describePath.join(' › ') : failure.file.replace(/\.spec\.ts$/, '');
}

/**
 * FIX-mode unsolved tasks from a verdict: failures grouped by describe block (one root cause = one task),
 * each blocker built from the recorded actions, expected vs actual, the assertion and the page's errors.
 * A load failure that fails every test becomes a single task.
 */
export function toFixBlockers(verdict: Verdict, options: FixBlockerOptions = {}): FixBlocker[] {
  const regressed = new Set(options.regressedTitles ?? []);
  const isRegressed = (failure: Failure): boolean => regressed.has(failure.title) || regressed.has(fullTitle(failure));
  if (verdict.failures.length === 0) return [];

  if (verdict.passed === 0 && verdict.failures.every((failure) => LOAD_FAILURE.test(failure.message) || failure.status === 'didNotRun')) {
    const first = verdict.failures.find((failure) => LOAD_FAILURE.test(failure.message)) ?? verdict.failures[0];
    return [
      {
        name: 'fix_app_load',
        what_i_know: `All ${verdict.total} tests of spec "${verdict.spec}" fail because the app never finishes loading: a script at load runs forever (infinite loop or blocking wait). Nothing else can be checked until the page loads.`,
        blockers: first ? [`${loadFailureLine(first.message)}${evidence(first) ? ` ${evidence(first)}` : ''}`, 'Make the page finish loading: no unbounded loops or busy waits at load time; run setup once, then wait for events.'] : [],
      },
    ];
  }

  const groups = new Map<string, Failure[]>();
  for (const failure of verdict.failures) {
    const key = groupKey(failure);
    groups.set(key, [...(groups.get(key) ?? []), failure]);
  }
  return [...groups].map(([key, failures]) => {
    const inGroup = verdict.tests.filter((test) => (test.describePath.length > 0 ? test.describePath.join(' › ') : test.file.replace(/\.spec\.ts$/, '')) === key);
    const passing = inGroup.filter((test) => test.status === 'passed').map((test) => `"${test.title}"`);
    const regressions = failures.filter(isRegressed).length;
    const knowledge = [
      `Spec "${verdict.spec}", behaviour group "${key}": ${failures.length} of ${inGroup.length} tests fail (${failures.map((failure) => `"${failure.title}"`).join(', ')}).`,
      passing.length > 0 ? `Passing in this group, keep them passing: ${passing.join(', ')}.` : 'No test of this group passes yet.',
      regressions > 0 ? `${regressions} of the failures passed in an earlier round: the last change broke them.` : '',
      `Overall ${verdict.passed}/${verdict.total} tests pass.`,
    ].filter(Boolean);
    return {
      name: `fix_${slug(key)}`,
      what_i_know: knowledge.join(' '),
      blockers: failures.map((failure) => describeFailure(failure, isRegressed(failure))),
    };
  });
}
