import { APICallError } from 'ai';
import { ModelHttpError, type ModelError } from '../../errors.js';
import { brokenOffError, commonServerError, firstLine, httpStatusError, type ServerErrorContext } from '../../server-errors.js';

export type OpenAICompatibleErrorContext = ServerErrorContext;

/** Everything the AI SDK or fetch can throw for one call → one of our ModelErrors. */
export function toOpenAICompatibleError(error: unknown, context: OpenAICompatibleErrorContext): ModelError {
  const common = commonServerError(error, context);
  if (common !== undefined) return common;
  if (!APICallError.isInstance(error)) return brokenOffError(error, context);
  const base = { provider: context.provider, modelId: context.modelId, cause: error };
  const status = error.statusCode;
  const body = error.responseBody;
  if (status === undefined) {
    return new ModelHttpError({ ...base, responseBody: body, message: `Protocol error: the response from ${context.baseUrl} broke off (${firstLine(error.message)}).` });
  }
  if (status >= 200 && status < 300 && body === undefined) {
    // Headers arrived, then the connection closed before the body was complete.
    return new ModelHttpError({ ...base, status, message: `Protocol error: the response from ${context.baseUrl} broke off before its body was complete.` });
  }
  if (status >= 200 && status < 300) {
    // The server said OK but the body is not an OpenAI chat completion (HTML page, cut-off JSON, …).
    return new ModelHttpError({ ...base, status, responseBody: body, message: `Protocol error: ${context.baseUrl} sent a response that is not a valid chat completion (${error.message}).` });
  }
  return httpStatusError({ status, body, headers: error.responseHeaders, cause: error }, context, {
    modelNotFound: context.provider === 'ollama' ? `Pull it first: \`ollama pull ${context.modelId}\`.` : 'Check the model name against the server\'s GET /v1/models.',
    wrongUrl: 'Does the base URL end with /v1?',
  });
}
