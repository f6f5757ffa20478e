import { ModelError } from './errors.js';

export interface ContextBudget {
  promptTokens: number;
  maxTokens: number;
  /** The loaded instance's context length (LM Studio's `llm.load.contextLength`). */
  contextLength: number;
}

/** How many tokens the call would need beyond the context, or 0 when prompt and answer fit. */
export function contextOverflowTokens(budget: ContextBudget): number {
  return Math.max(0, budget.promptTokens + budget.maxTokens - budget.contextLength);
}

/**
 * The prompt plus the answer's token budget do not fit the loaded model's context. LM Studio would
 * otherwise truncate (its default overflow policy cuts the middle of the chat) and the model would
 * answer a state that lost part of its task; failing says what to change instead.
 */
export class ModelContextExceededError extends ModelError {
  override readonly name = 'ModelContextExceededError';
  readonly promptTokens: number;
  readonly maxTokens: number;
  readonly contextLength: number;
  constructor(options: { provider: string; modelId: string } & ContextBudget) {
    const needed = options.promptTokens + options.maxTokens;
    super(
      'MODEL_CONTEXT_EXCEEDED',
      // The fix is in the message too: not every console shows the hint.
      `The prompt (${options.promptTokens} tokens) plus maxTokens (${options.maxTokens}) needs ${needed} tokens, ` +
        `but "${options.modelId}" is loaded with a context of ${options.contextLength} tokens: ` +
        `reload it with a context of at least ${needed} tokens, or lower maxTokens.`,
      {
        ...options,
        hint:
          `Load the model with a context of at least ${needed} tokens (\`lms load ${options.modelId} --context-length ${needed}\`, ` +
          `or LM Studio → model settings → Context Length), or lower maxTokens` +
          (options.promptTokens < options.contextLength ? ` to at most ${options.contextLength - options.promptTokens}.` : '.'),
      },
    );
    this.promptTokens = options.promptTokens;
    this.maxTokens = options.maxTokens;
    this.contextLength = options.contextLength;
  }
}
