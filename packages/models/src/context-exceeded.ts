import { ModelError } from './errors.js';

export interface ContextBudget {
  promptTokens: number;
  maxTokens: number;
  /** The context the model has (LM Studio: the loaded instance's; local: the model's training context). */
  contextLength: number;
}

/** How many tokens the call would need beyond the context, or 0 when prompt and answer fit. */
export function contextOverflowTokens(budget: ContextBudget): number {
  return Math.max(0, budget.promptTokens + budget.maxTokens - budget.contextLength);
}

interface ContextAdvice {
  /** The end of the message: what the context is and the fix, in one clause. */
  message: string;
  hint: string;
}

/** What a user does about it differs by provider; the rest of the error does not. */
function contextAdvice(provider: string, modelId: string, budget: ContextBudget): ContextAdvice {
  const needed = budget.promptTokens + budget.maxTokens;
  const lower = budget.promptTokens < budget.contextLength ? ` to at most ${budget.contextLength - budget.promptTokens}` : '';
  if (provider === 'lmstudio') {
    return {
      message: `is loaded with a context of ${budget.contextLength} tokens: reload it with a context of at least ${needed} tokens, or lower maxTokens.`,
      hint:
        `Load the model with a context of at least ${needed} tokens (\`lms load ${modelId} --context-length ${needed}\`, ` +
        `or LM Studio → model settings → Context Length), or lower maxTokens${lower}.`,
    };
  }
  if (provider === 'local') {
    return {
      message: `was trained on a context of ${budget.contextLength} tokens: lower maxTokens, shorten the task, or use a model with a longer context.`,
      hint: `Lower maxTokens${lower}, shorten the task, or use a model trained on at least ${needed} tokens of context.`,
    };
  }
  return {
    message: `has a context of ${budget.contextLength} tokens: give it a context of at least ${needed} tokens, or lower maxTokens.`,
    hint: `Give the model a context of at least ${needed} tokens (see its server's settings), or lower maxTokens${lower}.`,
  };
}

/**
 * The prompt plus the answer's token budget do not fit the model's context. Servers would otherwise
 * truncate (LM Studio's default overflow policy cuts the middle of the chat) and the model would
 * answer a state that lost part of its task; failing says what to change instead. One class for all
 * providers; the hint names the provider's own remedy.
 */
export class ModelContextExceededError extends ModelError {
  override readonly name = 'ModelContextExceededError';
  readonly promptTokens: number;
  readonly maxTokens: number;
  readonly contextLength: number;
  constructor(options: { provider: string; modelId: string } & ContextBudget) {
    const needed = options.promptTokens + options.maxTokens;
    const advice = contextAdvice(options.provider, options.modelId, options);
    // The fix is in the message too: not every console shows the hint.
    super(
      'MODEL_CONTEXT_EXCEEDED',
      `The prompt (${options.promptTokens} tokens) plus maxTokens (${options.maxTokens}) needs ${needed} tokens, but "${options.modelId}" ${advice.message}`,
      { ...options, hint: advice.hint },
    );
    this.promptTokens = options.promptTokens;
    this.maxTokens = options.maxTokens;
    this.contextLength = options.contextLength;
  }
}
