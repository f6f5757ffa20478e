// What Playwright specs import (`@ndli/ralph/spec`): the sandboxed `app` fixture and `expect`.
export { test, expect, ARTIFACT_ENV, APP_ORIGIN, DIAGNOSTICS_ATTACHMENT, type AppUnderTest, type AppDiagnostics } from './app-fixture.js';
