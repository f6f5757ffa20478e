import { Chat, type LLM, type LMStudioClient } from '@lmstudio/sdk';
import type { CallRecord, GenerateObjectRequest } from '../../language-model.js';
import type { CallDeadline } from '../../call-deadline.js';
import { lmStudioCallRecord } from './lmstudio-call-record.js';
import { ModelContextExceededError, contextOverflowTokens, type ContextBudget } from '../../context-exceeded.js';
import { isLmStudioModelNotFound, lmStudioModelNotFound } from './lmstudio-errors.js';
import { PredictionProgress } from './lmstudio-prediction-progress.js';

/** What one prediction attempt needs besides the SDK client. */
export interface PredictionAttempt<OUTPUT> {
  modelId: string;
  request: GenerateObjectRequest<OUTPUT>;
  deadline: CallDeadline;
  progressIntervalMs?: number;
}

/**
 * One attempt, as named steps: get (or just-in-time load) the model, check that prompt and answer
 * fit its context, stream the prediction. Each step is bounded by the call's deadline.
 */
export async function predictOnce<OUTPUT>(client: LMStudioClient, attempt: PredictionAttempt<OUTPUT>): Promise<CallRecord> {
  const startedAt = performance.now();
  const model = await loadModel(client, attempt);
  const chat = Chat.empty();
  chat.append('system', attempt.request.system);
  chat.append('user', attempt.request.prompt);
  const budget = await contextBudget(model, chat, attempt);
  if (budget !== undefined && contextOverflowTokens(budget) > 0) throw new ModelContextExceededError({ provider: 'lmstudio', modelId: attempt.modelId, ...budget });
  const call = await streamPrediction(model, chat, attempt, startedAt);
  return budget === undefined ? { ...call, warnings: [...(call.warnings ?? []), CONTEXT_NOT_CHECKED] } : call;
}

const CONTEXT_NOT_CHECKED = 'LM Studio did not tell the context length or count the prompt tokens: the context window was not checked.';

async function loadModel(client: LMStudioClient, { modelId, request, deadline }: PredictionAttempt<unknown>): Promise<LLM> {
  try {
    const model = await client.llm.model(modelId, {
      signal: deadline.signal,
      verbose: false,
      // A just-in-time load of a big model can take minutes: its progress keeps the idle deadline away.
      onProgress: () => deadline.touch(),
      // Seed is a load-time setting in SDK 1.5 (no per-prediction seed): it applies when this call loads the model.
      ...(request.seed === undefined ? {} : { config: { seed: request.seed } }),
    });
    deadline.touch();
    return model;
  } catch (error) {
    if (deadline.signal.aborted || !isLmStudioModelNotFound(error)) throw error;
    // The SDK's friendly error drops the list of models LM Studio sent: ask for it, the user needs the right key.
    const downloaded = await untilStopped(client.system.listDownloadedModels('llm'), deadline.signal).catch(() => []);
    throw lmStudioModelNotFound(modelId, downloaded.map((model) => model.modelKey), error);
  }
}

/**
 * The loaded instance's context length, and the prompt's tokens counted by the model's own tokenizer
 * on the chat as its template formats it (two cheap RPCs; exact, where a characters-per-token guess
 * is off by a third for code).
 */
async function contextBudget(model: LLM, chat: Chat, attempt: PredictionAttempt<unknown>): Promise<ContextBudget | undefined> {
  try {
    return await readContextBudget(model, chat, attempt);
  } catch (error) {
    // A server that cannot answer these (an older LM Studio) can still predict: better an unchecked call than none.
    if (attempt.deadline.signal.aborted) throw error;
    return undefined;
  }
}

async function readContextBudget(model: LLM, chat: Chat, { request, deadline }: PredictionAttempt<unknown>): Promise<ContextBudget> {
  const contextLength = await untilStopped(model.getContextLength(), deadline.signal);
  deadline.touch();
  // A model whose chat template LM Studio cannot apply still has a tokenizer: count the bare texts then.
  const formatted = await untilStopped(model.applyPromptTemplate(chat), deadline.signal).catch(() => `${request.system}\n${request.prompt}`);
  const promptTokens = await untilStopped(model.countTokens(formatted), deadline.signal);
  deadline.touch();
  return { promptTokens, maxTokens: request.maxTokens, contextLength };
}

async function streamPrediction(model: LLM, chat: Chat, { modelId, request, deadline, progressIntervalMs }: PredictionAttempt<unknown>, startedAt: number): Promise<CallRecord> {
  const progress = new PredictionProgress(performance.now(), request.onProgress, progressIntervalMs);
  const prediction = model.respond(chat, {
    maxTokens: request.maxTokens,
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    // The SDK bundles zod 3: a zod 4 schema would silently become `{}`. Plain JSON Schema works.
    structured: { type: 'json', jsonSchema: request.jsonSchema },
    // On abort the SDK sends LM Studio a `cancel`, which stops the generation on the GPU.
    signal: deadline.signal,
    onPromptProcessingProgress: () => deadline.touch(),
    onPredictionFragment: (fragment) => {
      deadline.touch();
      progress.fragment(fragment);
    },
  });
  // LM Studio answers a cancel with a `userStopped` result; a hung server never answers: do not wait for it.
  const result = await untilStopped(prediction, deadline.signal);
  if (deadline.signal.aborted) throw deadline.signal.reason;
  progress.finish();
  return lmStudioCallRecord(result, modelId, performance.now() - startedAt, progress.figures());
}

/** Settles with `promise`, or rejects as soon as `signal` fires; the losing promise is silenced. */
export function untilStopped<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  promise.catch(() => undefined);
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
