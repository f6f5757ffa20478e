// Test-only entry point (`@ndli/models/testing`): scripted models never belong in a real run.
export { MockModel, type MockModelOptions, type ScriptedResponse } from './mock-model.js';
