// A SCRIPTED LM Studio that speaks the SDK's WebSocket protocol: for tests of LmStudioModel and of `ndli run --model lmstudio/…`.
export { startLmStudioProtocolServer, type LmStudioProtocolServer } from './lmstudio-protocol-server.js';
export type {
  ReceivedPrediction,
  ScriptedFragment,
  ScriptedLmStudio,
  ScriptedLmStudioModel,
  ScriptedPrediction,
  ScriptedPredictionEnd,
} from './scripted-lmstudio.js';
