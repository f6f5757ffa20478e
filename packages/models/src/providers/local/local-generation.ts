import type { ChatHistoryItem, ChatModelResponse, ChatWrapper, LlamaChat, LlamaChatResponseChunk, LlamaGrammar, LlamaModel } from 'node-llama-cpp';
import type { CallDeadline } from '../../call-deadline.js';
import type { ModelContextExceededError } from '../../context-exceeded.js';
import type { GenerationFigures, GenerationMeter } from '../../generation-meter.js';

export interface LocalGenerationOptions {
  maxTokens: number;
  temperature: number | undefined;
  seed: number | undefined;
  /** The schema's grammar; undefined samples unconstrained. */
  grammar: LlamaGrammar | undefined;
  threads: number;
  /** The prompt format; default: the one node-llama-cpp resolves from the model's chat template. */
  chatWrapper?: ChatWrapper;
  /** A reasoning model's thinking budget; when spent, the thought is closed and the answer begins. Default maxTokens. */
  maxThoughtTokens?: number;
  deadline: CallDeadline;
  meter: GenerationMeter;
  contextExceeded: (promptTokens: number, contextLength: number) => ModelContextExceededError;
}

export interface LocalAnswer {
  /** The answer after any thinking. */
  text: string;
  reasoning: string;
  promptTokens: number;
  /** Counted from the tokens sampled, thinking included: the model's own tokenizer, no estimate. */
  completionTokens: number;
  reasoningTokens: number;
  /** node-llama-cpp's stop reason: `eogToken`, `stopGenerationTrigger`, `maxTokens`, `abort`, … */
  stopReason: string;
  figures: GenerationFigures;
}

/**
 * The prompt format resolved from a model's chat template, once per model: resolving renders the
 * template against every known format (about a second), which would otherwise delay every call's first token.
 */
const chatWrappers = new WeakMap<LlamaModel, ChatWrapper>();

/** Tokens beyond prompt + maxTokens for the end-of-turn markers the chat template adds. */
const CONTEXT_SLACK_TOKENS = 16;

/**
 * One answer in a fresh context: sized to the prompt plus maxTokens (never more than the model was
 * trained on), disposed after the call. A reasoning model first thinks unconstrained; the grammar
 * applies to the answer after the thought, or it could never close its thinking.
 */
export async function generateAnswer(model: LlamaModel, history: ChatHistoryItem[], options: LocalGenerationOptions): Promise<LocalAnswer> {
  const { LlamaChat, resolveChatWrapper } = await import('node-llama-cpp');
  let chatWrapper = options.chatWrapper ?? chatWrappers.get(model);
  if (chatWrapper === undefined) {
    chatWrapper = resolveChatWrapper(model);
    chatWrappers.set(model, chatWrapper);
  }
  const promptTokens = chatWrapper.generateContextState({ chatHistory: [...history, { type: 'model', response: [] }] }).contextText.tokenize(model.tokenizer).length;
  const contextLength = model.trainContextSize;
  if (promptTokens + options.maxTokens > contextLength) throw options.contextExceeded(promptTokens, contextLength);
  const context = await model.createContext({ contextSize: Math.min(contextLength, promptTokens + options.maxTokens + CONTEXT_SLACK_TOKENS), sequences: 1, threads: options.threads });
  try {
    const chat = new LlamaChat({ contextSequence: context.getSequence(), chatWrapper, autoDisposeSequence: true });
    const counts = { completion: 0, reasoning: 0 };
    const onChunk = (chunk: LlamaChatResponseChunk): void => {
      options.deadline.touch();
      const isThought = chunk.type === 'segment' && chunk.segmentType === 'thought';
      for (let index = 0; index < chunk.tokens.length; index += 1) options.meter.delta(isThought ? 'reasoning' : 'text');
      counts.completion += chunk.tokens.length;
      if (isThought) counts.reasoning += chunk.tokens.length;
    };
    // Reading the prompt sends no token: the idle clock starts with the first one.
    options.deadline.pauseIdle();
    const thinks = chatWrapper.settings.segments?.thought != null && options.grammar !== undefined;
    const thought = thinks ? await think(chat, history, options, onChunk) : undefined;
    const answerHistory: ChatHistoryItem[] = [...history, { type: 'model', response: thought?.response ?? [] }];
    const remaining = options.maxTokens - counts.completion;
    const sampling = { temperature: options.temperature, seed: options.seed, signal: options.deadline.signal, onResponseChunk: onChunk };
    const result =
      thought?.stoppedBy === 'maxTokens' || remaining <= 0
        ? { response: '', metadata: { stopReason: 'maxTokens' } }
        : await chat.generateResponse(answerHistory, { ...sampling, maxTokens: remaining, ...(options.grammar === undefined ? {} : { grammar: options.grammar }) });
    // node-llama-cpp can end a generation whose signal fired (e.g. while the prompt was read) as
    // `stopReason: 'abort'` instead of throwing: that is the deadline or the caller, never an answer.
    if (options.deadline.signal.aborted) throw options.deadline.signal.reason;
    return {
      text: result.response,
      reasoning: thought?.text ?? '',
      promptTokens,
      completionTokens: counts.completion,
      reasoningTokens: counts.reasoning,
      stopReason: result.metadata.stopReason,
      figures: options.meter.figures(),
    };
  } finally {
    await context.dispose();
  }
}

interface Thought {
  text: string;
  /** The model's response so far (its thought segment), continued by the constrained answer. */
  response: ChatModelResponse['response'];
  stoppedBy: 'thoughtEnd' | 'maxTokens' | 'noThought';
}

/**
 * Lets the model think without the grammar and stops the moment its thought segment ends (or at its
 * first answer token, when it does not think). The answer is then generated, constrained, as the
 * continuation of this response.
 */
async function think(
  chat: LlamaChat,
  history: ChatHistoryItem[],
  options: LocalGenerationOptions,
  onChunk: (chunk: LlamaChatResponseChunk) => void,
): Promise<Thought> {
  const stop = new AbortController();
  const onCallerAbort = (): void => stop.abort(options.deadline.signal.reason);
  options.deadline.signal.addEventListener('abort', onCallerAbort, { once: true });
  let text = '';
  let ended = false;
  let answered = false;
  try {
    const result = await chat.generateResponse([...history, { type: 'model', response: [] }], {
      maxTokens: options.maxTokens,
      temperature: options.temperature,
      seed: options.seed,
      signal: stop.signal,
      stopOnAbortSignal: true,
      budgets: { thoughtTokens: Math.min(options.maxThoughtTokens ?? options.maxTokens, options.maxTokens) },
      onResponseChunk: (chunk) => {
        if (chunk.type === 'segment' && chunk.segmentType === 'thought') {
          onChunk(chunk);
          text += chunk.text;
          if (chunk.segmentEndTime !== undefined) {
            ended = true;
            stop.abort();
          }
        } else if (chunk.type === undefined && chunk.tokens.length > 0) {
          // The answer has begun: it is generated again under the grammar, so these tokens are not counted.
          answered = true;
          stop.abort();
        }
      },
    });
    if (options.deadline.signal.aborted) throw options.deadline.signal.reason;
    const last = result.lastEvaluation.cleanHistory.at(-1);
    const segments = last?.type === 'model' ? last.response.filter((item) => typeof item !== 'string') : [];
    const stoppedBy = ended ? 'thoughtEnd' : answered || text === '' ? 'noThought' : result.metadata.stopReason === 'maxTokens' ? 'maxTokens' : 'thoughtEnd';
    return { text: text.trim(), response: stoppedBy === 'noThought' ? [] : segments, stoppedBy };
  } finally {
    options.deadline.signal.removeEventListener('abort', onCallerAbort);
  }
}
