export { ARTIFACT_ENV, DIAGNOSTICS_ATTACHMENT, type AppDiagnostics } from './spec/app-fixture.js';
