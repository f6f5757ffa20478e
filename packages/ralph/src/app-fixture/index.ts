// What Playwright specs import (`@ndli/ralph/spec`): the sandboxed `app` fixture and `expect`.
export {
  test,
  expect,
  ARTIFACT_ENV,
  RUN_DIRECTORY_ENV,
  LOAD_HANG_MARKER,
  APP_ORIGIN,
  DIAGNOSTICS_ATTACHMENT,
  type AppUnderTest,
  type AppDiagnostics,
  type AppFixtureOptions,
  type BeforeAppOpen,
  type AppWorkerOptions,
  type Isolation,
} from './app-fixture.js';
export { PAGE_ACTIVITY_GLOBAL } from './page-activity-script.js';
