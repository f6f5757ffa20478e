// Test-only entry point (`@ndli/models/testing`): scripted models and servers never belong in a real run.
export { MockModel, type MockModelOptions, type ScriptedResponse } from './mock-model.js';
export {
  sseEvents,
  startChatCompletionServer,
  type ChatCompletionServer,
  type ChatCompletionServerOptions,
  type ReceivedRequest,
  type ScriptedAnswer,
  type ServerFault,
  type ServerStep,
} from './chat-completion-server.js';
