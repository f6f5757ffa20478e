// What ralph and the specs' `app` fixture agree on, apart from the fixture: ralph's own process reads these
// without loading Playwright's test runner (~0.5 s of every cold `ndli test`).

/** Environment variable through which ralph tells the specs which artifact to judge. */
export const ARTIFACT_ENV = 'NDLI_ARTIFACT';
/** Directory ralph gives a run for notes shared between workers (the app-hangs-at-load marker). Optional. */
export const RUN_DIRECTORY_ENV = 'NDLI_RUN_DIRECTORY';
/**
 * The app is served from this made-up site so storage APIs behave as on a real site, with no real network. Each
 * test's app has an origin of its own under it (`visitOrigin`), so nothing an earlier test's page stored is there.
 */
export const APP_ORIGIN = 'http://ndli.app.test';

/** The origin of a context's `visit`-th load of the app (1, 2, …): `http://visit-2.ndli.app.test`. */
export function visitOrigin(visit: number): string {
  return APP_ORIGIN.replace('://', `://visit-${visit}.`);
}
/** Attachment through which each test reports what the app did (read by ralph from the JSON report). */
export const DIAGNOSTICS_ATTACHMENT = 'ndli-diagnostics';
/** File (in the run directory) written when the app never finishes loading, so later tests fail at once. */
export const LOAD_HANG_MARKER = 'app-hangs-at-load.txt';
/**
 * Where a plain `@playwright/test` suite finds the app: its tests' `baseURL`, so `page.goto('/')` and every relative
 * URL reach it. Each test has a browser context of its own, so this one origin starts empty for every test.
 */
export const PLAIN_SUITE_BASE_URL = `${APP_ORIGIN}/`;
/**
 * Attachment a plain suite's test carries when it failed before any page of the app was loaded: its failure is the
 * test's (a fixture, a hook, a navigation elsewhere), never the app's.
 */
export const NEVER_REACHED_APP_ATTACHMENT = 'ndli-never-reached-app';

/**
 * What a plain suite's `request` fixture throws under NDLI; the judge recognises it (spec-error.ts) as the spec's
 * fault, never the app's. One constant, so the message and its recognition cannot drift apart.
 */
export const REQUEST_FIXTURE_REFUSED = 'The `request` fixture is not available under NDLI: the app is a single HTML file with no server, and the judge allows no network.';
