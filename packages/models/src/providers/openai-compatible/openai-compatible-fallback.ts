import { isResponseFormatRejection, nextStructuredOutputMode, type StructuredOutputMode } from '../../structured-output-mode.js';
import { isStreamingRejection } from './openai-compatible-stream.js';

/** What a provider instance has learned about its server so far. */
export interface ServerCapabilities {
  mode: StructuredOutputMode;
  streaming: boolean;
}

/** A server's refusal, as far as the fallback policy needs to see it. */
export type ServerRefusal = { kind: 'http'; status: number | undefined; body: string | undefined } | { kind: 'not-an-event-stream' };

/**
 * The pure "what next" policy when the server refuses how it was asked: a weaker structured-output
 * mode for a response-format rejection, plain requests for a server that cannot stream, else
 * undefined (a real error). The provider remembers the result, so each fallback happens once.
 */
export function capabilitiesAfterRefusal(current: ServerCapabilities, refusal: ServerRefusal): ServerCapabilities | undefined {
  if (refusal.kind === 'not-an-event-stream') return current.streaming ? { ...current, streaming: false } : undefined;
  const weaker = nextStructuredOutputMode(current.mode);
  if (weaker !== undefined && isResponseFormatRejection(refusal.status, refusal.body)) return { ...current, mode: weaker };
  if (current.streaming && isStreamingRejection(refusal.status, refusal.body)) return { ...current, streaming: false };
  return undefined;
}
