// What `@playwright/test` is for a spec folder's plain suite while NDLI judges it: everything Playwright Test
// exports, with `test` carrying the judge's sandbox and evidence (plain-suite-fixture.ts).
//
// Why a redirected import: Playwright lets a config set options (`use`) for every test, but adds fixtures only to a
// `test` made by `test.extend`, and a plain suite calls Playwright's own `test`. So the judge's generated config names
// a tsconfig whose `paths` send the suite's `@playwright/test` here (module-map.ts); Playwright applies `paths` to
// every file it compiles, the suite's helpers and fixtures too. ralph's own modules import `playwright/test`, which
// no path redirects. The same map lets a spec folder outside any install resolve `@ndli/ralph/spec`.
export * from 'playwright/test';
export { test, expect, type PrepareContext, type PlainSuiteOptions, type PlainSuiteWorkerOptions } from './plain-suite-fixture.js';
import { test } from './plain-suite-fixture.js';
export default test;
