import { APP_ORIGIN, REQUEST_FIXTURE_REFUSED } from './app-fixture/judge-environment.js';
import { escapeRegExp } from './playwright-config.js';

/** Failures that are the test's own doing, each with the reason a spec's author reads. */
const SPEC_FAULTS: ReadonlyArray<{ pattern: RegExp; reason: (match: RegExpExecArray) => string }> = [
  {
    pattern: /Cannot navigate to invalid URL/,
    reason: () => 'The test navigates to a URL that is not valid here. A spec reaches the app at its baseURL: `page.goto(\'/\')` (or relative URLs).',
  },
  {
    pattern: new RegExp(`(?:page|frame)\\.goto: net::ERR_BLOCKED_BY_CLIENT at (?!${escapeRegExp(APP_ORIGIN)}/)(\\S+)`),
    reason: (match) =>
      `The test navigates outside the app, to ${match[1] ?? 'another site'}: under NDLI the only site is the app, at the baseURL, and the network is closed. Start at \`page.goto('/')\` (\`ndli spec import\` rewrites a hard-coded start URL).`,
  },
  {
    pattern: new RegExp(escapeRegExp(REQUEST_FIXTURE_REFUSED)),
    reason: () => 'The test uses Playwright\'s `request` fixture (an HTTP client): the app has no server and the judge allows no network.',
  },
];

export interface SpecFaultInput {
  status: string;
  /** Error messages and stacks of the result, ANSI codes stripped. */
  errors: readonly string[];
  /** The plain-suite fixture saw the test fail before any page of the app was loaded. */
  neverReachedApp: boolean;
}

/**
 * Why a failed test is the spec's fault, not the app's (undefined: it may be the app's). A spec error becomes a judge
 * error of the verdict: never a failure, so never a FIX blocker blaming the app for the test.
 */
export function specFaultReason(result: SpecFaultInput): string | undefined {
  if (result.status !== 'failed' && result.status !== 'timedOut') return undefined;
  for (const { pattern, reason } of SPEC_FAULTS) {
    for (const text of result.errors) {
      const match = pattern.exec(text);
      if (match) return reason(match);
    }
  }
  if (result.neverReachedApp) {
    return 'The test failed before it reached the app: no page of the app was loaded (a fixture, a hook or the test failed first, or it never navigated to the app).';
  }
  return undefined;
}
