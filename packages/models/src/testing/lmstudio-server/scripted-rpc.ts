import { llmInfo, llmInstanceInfo, loadConfig } from './model-info.js';
import { modelOf, promptTemplate, type ScriptedState } from './scripted-state.js';
import { ApplyPromptTemplateParameterSchema, CountTokensParameterSchema, SpecifierParameterSchema, chatMessages, type SerializedLmStudioError } from './wire-messages.js';

export type RpcAnswer = { result: unknown } | { error: SerializedLmStudioError };

/** The answer to one RPC (`<namespace>.<endpoint>`), shaped as the SDK's endpoint definitions require. */
export function answerRpc(state: ScriptedState, endpoint: string, parameter: unknown): RpcAnswer {
  if (state.script.failingRpcs?.includes(endpoint) === true) return { error: { title: `Scripted failure of ${endpoint}` } };
  switch (endpoint) {
    case 'system.version':
      return { result: { version: '0.3.0-scripted', build: 1 } };
    case 'system.listDownloadedModels':
      return { result: state.models.map(llmInfo) };
    case 'llm.listLoaded':
      return { result: state.models.filter((model) => model.loaded === true).map(llmInstanceInfo) };
    case 'llm.getLoadConfig':
    case 'llm.getModelInfo': {
      const model = modelOf(state, SpecifierParameterSchema.parse(parameter).specifier);
      if (model === undefined) return { error: { title: 'No model matches the specifier', displayData: { code: 'generic.specificModelUnloaded' } } };
      return { result: endpoint === 'llm.getLoadConfig' ? loadConfig(model) : llmInstanceInfo(model) };
    }
    case 'llm.countTokens':
      return { result: { tokenCount: state.countTokens(CountTokensParameterSchema.parse(parameter).inputString) } };
    case 'llm.applyPromptTemplate':
      return { result: { formatted: promptTemplate(chatMessages(ApplyPromptTemplateParameterSchema.parse(parameter).history)) } };
    default:
      return { error: { title: `The scripted LM Studio does not implement ${endpoint}` } };
  }
}
