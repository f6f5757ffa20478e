// Test-only entry point (`@ndli/models/testing`): scripted models and servers never belong in a real run.
export { MockModel, type MockModelOptions, type ScriptedResponse } from './mock-model.js';
export {
  startLmStudioProtocolServer,
  type LmStudioProtocolServer,
  type ReceivedPrediction,
  type ScriptedFragment,
  type ScriptedLmStudio,
  type ScriptedLmStudioModel,
  type ScriptedPrediction,
  type ScriptedPredictionEnd,
} from './lmstudio-server/index.js';
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
export { TINY_GGUF_CHATML_TEMPLATE, tinyGgufBytes, writeTinyGguf, type TinyGgufOptions } from './tiny-gguf.js';
