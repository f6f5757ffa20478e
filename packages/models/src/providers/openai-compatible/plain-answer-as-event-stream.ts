/**
 * Some OpenAI-compatible servers (older llama.cpp builds, proxies, gateways) ignore `stream: true` and answer a
 * streaming request with one plain chat completion. That answer is complete and may have taken minutes of GPU time:
 * rather than throw it away and ask again without streaming, it is handed to the AI SDK's stream parser as the
 * Server-Sent Events a streaming server would have sent.
 */

interface PlainChoice {
  index?: number;
  message?: { role?: string; content?: string | null; reasoning_content?: string | null; reasoning?: string | null };
  finish_reason?: string | null;
}

interface PlainCompletion {
  id?: string;
  created?: number;
  model?: string;
  choices: PlainChoice[];
  usage?: unknown;
}

function isPlainCompletion(value: unknown): value is PlainCompletion {
  if (typeof value !== 'object' || value === null || !('choices' in value) || !Array.isArray(value.choices)) return false;
  return value.choices.every((choice: unknown) => typeof choice === 'object' && choice !== null && 'message' in choice);
}

/** The events of a stream that carries `completion`: one delta per choice, its finish reason with usage, then [DONE]. */
export function completionAsEventStream(completion: PlainCompletion): string {
  const head = { id: completion.id ?? 'plain-answer', object: 'chat.completion.chunk', created: completion.created ?? 0, model: completion.model ?? '' };
  const chunks: unknown[] = [];
  for (const [position, choice] of completion.choices.entries()) {
    const index = choice.index ?? position;
    const message = choice.message ?? {};
    const delta: Record<string, string> = { role: message.role ?? 'assistant' };
    if (message.reasoning_content) delta['reasoning_content'] = message.reasoning_content;
    else if (message.reasoning) delta['reasoning_content'] = message.reasoning;
    if (message.content) delta['content'] = message.content;
    chunks.push({ ...head, choices: [{ index, delta, finish_reason: null }] });
    chunks.push({ ...head, choices: [{ index, delta: {}, finish_reason: choice.finish_reason ?? 'stop' }], ...(completion.usage ? { usage: completion.usage } : {}) });
  }
  return `${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('')}data: [DONE]\n\n`;
}

function asksToStream(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && 'stream' in parsed && parsed.stream === true;
  } catch {
    return false;
  }
}

/**
 * A fetch for the AI SDK provider: a successful JSON chat completion given to a streaming request becomes an event
 * stream (`onPlainAnswer` is told, so the provider stops asking that server to stream). Anything else — event
 * streams, errors, bodies that are not a chat completion — passes through untouched.
 */
export function acceptPlainAnswers(onPlainAnswer: () => void, fetchImplementation: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await fetchImplementation(input, init);
    const contentType = response.headers.get('content-type') ?? '';
    if (!response.ok || !/json/i.test(contentType) || /event-stream/i.test(contentType) || !asksToStream(init?.body)) return response;
    const text = await response.text();
    const rebuilt = (body: string, type: string): Response => {
      const headers = new Headers(response.headers);
      headers.set('content-type', type);
      headers.delete('content-length');
      return new Response(body, { status: response.status, statusText: response.statusText, headers });
    };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // A cut or garbled body: left as it came, for the usual error path to name.
      return rebuilt(text, contentType);
    }
    if (!isPlainCompletion(parsed)) return rebuilt(text, contentType);
    onPlainAnswer();
    return rebuilt(completionAsEventStream(parsed), 'text/event-stream');
  };
}
