/**
 * Reasoning models (Qwen3, DeepSeek-R1 distills, gpt-oss, …) write their thinking before the answer,
 * unless the server separates it. The block holds braces and code, so it must come off before any
 * JSON is looked for.
 */
export interface SeparatedReasoning {
  /** The text after the reasoning block (the whole text when there is none). */
  answer: string;
  /** The block's inner text; undefined when the text has no leading reasoning block. */
  reasoning: string | undefined;
  /** True when the block never closed: the token limit cut the model off while it was still thinking. */
  unclosed: boolean;
}

const TAG_NAMES = ['think', 'thinking', 'reasoning'] as const;

/**
 * Separates a leading `<think>…</think>` (or `<thinking>`, `<reasoning>`) from the answer. Also takes
 * a text that only *closes* such a block (`… </think> {…}`): chat templates such as DeepSeek-R1's put
 * the opening tag into the prompt, so the model's output starts inside the block.
 */
export function separateReasoning(text: string): SeparatedReasoning {
  const opening = /^\s*<(think|thinking|reasoning)>/i.exec(text);
  if (opening !== null) {
    const tag = (opening[1] ?? 'think').toLowerCase();
    const rest = text.slice(opening[0].length);
    const close = rest.search(new RegExp(`</${tag}>`, 'i'));
    if (close < 0) return { answer: '', reasoning: rest.trim(), unclosed: true };
    return { answer: rest.slice(close + tag.length + 3).trim(), reasoning: rest.slice(0, close).trim(), unclosed: false };
  }
  for (const tag of TAG_NAMES) {
    const closing = new RegExp(`</${tag}>`, 'i').exec(text);
    // Only when nothing answer-like comes before the closing tag, or the tag would be taken from inside a JSON string.
    if (closing !== null && !/^\s*[{[]/.test(text)) {
      return { answer: text.slice(closing.index + closing[0].length).trim(), reasoning: text.slice(0, closing.index).trim(), unclosed: false };
    }
  }
  return { answer: text, reasoning: undefined, unclosed: false };
}

/** Joins the server's separate reasoning and an inline block, both kept for researchers. */
export function joinReasoning(...parts: readonly (string | undefined)[]): string | undefined {
  const present = parts.filter((part): part is string => part !== undefined && part.trim() !== '');
  return present.length > 0 ? present.join('\n\n') : undefined;
}

/** Rough token count where the server reports none: ~4 characters a token for English and code. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
