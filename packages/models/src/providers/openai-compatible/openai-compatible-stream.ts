import type { CallDeadline } from '../../call-deadline.js';
import type { GenerationMeter } from '../../generation-meter.js';
import type { ChatAnswer, StreamResult } from './openai-compatible-call-record.js';
import { StreamInterruptedError } from '../../stream-interrupted-error.js';

/** A 4xx that names streaming (`stream`, `stream_options`) is a server that cannot stream, not a bad request. */
export function isStreamingRejection(status: number | undefined, body: string | undefined): boolean {
  return status !== undefined && status >= 400 && status < 500 && status !== 404 && status !== 408 && status !== 429 && body !== undefined && /\bstream(_options|ing)?\b/i.test(body);
}

/**
 * What a streaming request got back: Server-Sent Events; JSON (a server that ignores `stream: true`,
 * so plain requests are the way); or something else (an HTML error page: a transient fault).
 */
export function streamContentKind(headers: Record<string, string> | undefined): 'event-stream' | 'json' | 'other' {
  const contentType = headers?.['content-type'];
  // No header at all: trust the stream (some proxies drop it); the parser will tell.
  if (contentType === undefined || /text\/event-stream/i.test(contentType)) return 'event-stream';
  return /json/i.test(contentType) ? 'json' : 'other';
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}

/** Reads an AI SDK chat stream to its end into one answer, touching the deadline and the meter per delta. */
export async function readChatStream(result: StreamResult, deadline: CallDeadline, meter: GenerationMeter): Promise<ChatAnswer> {
  let text = '';
  let reasoning = '';
  let modelId: string | undefined;
  let finish: Extract<StreamPart, { type: 'finish' }> | undefined;
  const reader = result.stream.getReader();
  try {
    for (;;) {
      let next: ReadableStreamReadResult<StreamPart>;
      try {
        next = await reader.read();
      } catch (error) {
        throw new StreamInterruptedError(`broke off (${messageOf(error)}) after ${text.length} characters`, text, { cause: error });
      }
      if (next.done) break;
      const part = next.value;
      // `stream-start` is the SDK's own opening part, not a sign of the server.
      if (part.type !== 'stream-start') deadline.touch();
      if (part.type === 'text-delta') {
        text += part.delta;
        meter.delta('text');
      } else if (part.type === 'reasoning-delta') {
        reasoning += part.delta;
        meter.delta('reasoning');
      } else if (part.type === 'response-metadata') {
        modelId ??= part.modelId;
      } else if (part.type === 'finish') {
        finish = part;
      } else if (part.type === 'error') {
        throw new StreamInterruptedError(`ended with an error event (${messageOf(part.error)}) after ${text.length} characters`, text, { cause: part.error });
      }
    }
  } finally {
    reader.releaseLock();
  }
  if (finish === undefined || finish.finishReason.raw === undefined) {
    throw new StreamInterruptedError(`closed after ${text.length} characters without a finish reason`, text);
  }
  const figures = meter.figures(finish.usage.outputTokens.total);
  return {
    text,
    reasoning,
    usage: finish.usage,
    finishReason: finish.finishReason,
    modelId,
    ...(figures.timeToFirstTokenMs === undefined ? {} : { timeToFirstTokenMs: figures.timeToFirstTokenMs }),
    ...(figures.tokensPerSecond === undefined ? {} : { tokensPerSecond: figures.tokensPerSecond }),
  };
}

type StreamPart = StreamResult['stream'] extends ReadableStream<infer PART> ? PART : never;
