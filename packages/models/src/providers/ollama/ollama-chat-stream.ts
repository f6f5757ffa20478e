import { z } from 'zod';
import type { CallDeadline } from '../../call-deadline.js';
import type { GenerationMeter } from '../../generation-meter.js';
import type { FinishReason } from '../../language-model.js';
import { StreamInterruptedError } from '../../stream-interrupted-error.js';

/** One line of Ollama's streamed `/api/chat` answer (NDJSON); fields we do not read pass through. */
const ollamaChunkSchema = z.looseObject({
  model: z.string().optional(),
  message: z.looseObject({ content: z.string().optional(), thinking: z.string().optional() }).optional(),
  done: z.boolean().optional(),
  done_reason: z.string().optional(),
  prompt_eval_count: z.number().optional(),
  eval_count: z.number().optional(),
  /** Nanoseconds spent generating. */
  eval_duration: z.number().optional(),
  error: z.string().optional(),
});

export interface OllamaAnswer {
  text: string;
  thinking: string;
  modelId: string | undefined;
  finishReason: FinishReason;
  rawFinishReason: string | undefined;
  promptTokens: number | undefined;
  completionTokens: number | undefined;
  timeToFirstTokenMs: number | undefined;
  tokensPerSecond: number | undefined;
}

export function mapOllamaDoneReason(reason: string | undefined): FinishReason {
  if (reason === undefined) return 'unknown';
  if (reason === 'stop') return 'stop';
  if (reason === 'length') return 'length';
  return 'other';
}

async function* lines(body: ReadableStream<Uint8Array>, partial: () => string): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffered = '';
  const reader = body.getReader();
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        throw new StreamInterruptedError(`broke off (${error instanceof Error ? error.message : String(error)}) after ${partial().length} characters`, partial(), { cause: error });
      }
      if (next.done) break;
      buffered += decoder.decode(next.value, { stream: true });
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line !== '') yield line;
        newline = buffered.indexOf('\n');
      }
    }
  } finally {
    reader.releaseLock();
  }
  if (buffered.trim() !== '') yield buffered.trim();
}

/** Reads Ollama's NDJSON stream into one answer; a cut stream or an error line is a StreamInterruptedError. */
export async function readOllamaStream(body: ReadableStream<Uint8Array>, deadline: CallDeadline, meter: GenerationMeter): Promise<OllamaAnswer> {
  let text = '';
  let thinking = '';
  let modelId: string | undefined;
  for await (const line of lines(body, () => text)) {
    deadline.touch();
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (cause) {
      throw new StreamInterruptedError(`sent a line that is not JSON (${line.slice(0, 80)}) after ${text.length} characters`, text, { cause });
    }
    const parsed = ollamaChunkSchema.safeParse(json);
    if (!parsed.success) throw new StreamInterruptedError(`sent a chunk of unexpected shape after ${text.length} characters`, text);
    const chunk = parsed.data;
    if (chunk.error !== undefined) throw new StreamInterruptedError(`ended with an error (${chunk.error}) after ${text.length} characters`, text);
    modelId ??= chunk.model;
    if (chunk.message?.thinking) {
      thinking += chunk.message.thinking;
      meter.delta('reasoning');
    }
    if (chunk.message?.content) {
      text += chunk.message.content;
      meter.delta('text');
    }
    if (chunk.done === true) {
      const figures = meter.figures(chunk.eval_count);
      const serverRate = chunk.eval_count !== undefined && chunk.eval_duration ? Math.round((chunk.eval_count / (chunk.eval_duration / 1e9)) * 10) / 10 : undefined;
      return {
        text,
        thinking,
        modelId,
        finishReason: mapOllamaDoneReason(chunk.done_reason),
        rawFinishReason: chunk.done_reason,
        promptTokens: chunk.prompt_eval_count,
        completionTokens: chunk.eval_count,
        timeToFirstTokenMs: figures.timeToFirstTokenMs,
        tokensPerSecond: serverRate ?? figures.tokensPerSecond,
      };
    }
  }
  throw new StreamInterruptedError(`closed after ${text.length} characters without its final "done" line`, text);
}
