import { describe, expect, it } from 'vitest';
import { acceptPlainAnswers } from './plain-answer-as-event-stream.js';

const completion = {
  id: 'c1',
  model: 'qwen3',
  choices: [{ index: 0, message: { role: 'assistant', content: '{"answer":"4"}', reasoning_content: 'two and two' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 10, completion_tokens: 5 },
};

function serving(body: string, init: ResponseInit): typeof fetch {
  return () => Promise.resolve(new Response(body, init));
}

const streaming = { method: 'POST', body: JSON.stringify({ model: 'qwen3', stream: true }) };
const json = { status: 200, headers: { 'content-type': 'application/json' } };

describe('acceptPlainAnswers', () => {
  it('turns a plain completion given to a streaming request into the events of a stream, and says so', async () => {
    let told = 0;
    const response = await acceptPlainAnswers(() => (told += 1), serving(JSON.stringify(completion), json))('http://x/v1/chat/completions', streaming);
    expect(told).toBe(1);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = (await response.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.replace(/^data: /, '')) as { choices: { delta: Record<string, string>; finish_reason: string | null }[]; usage?: unknown });
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', reasoning_content: 'two and two', content: '{"answer":"4"}' });
    expect(chunks[1]?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks[1]?.usage).toEqual(completion.usage);
  });

  it('leaves event streams, errors, plain requests and other JSON as they came', async () => {
    let told = 0;
    const onPlain = () => (told += 1);
    const sse = await acceptPlainAnswers(onPlain, serving('data: {}\n\n', { status: 200, headers: { 'content-type': 'text/event-stream' } }))('u', streaming);
    expect(await sse.text()).toBe('data: {}\n\n');
    const error = await acceptPlainAnswers(onPlain, serving('{"error":"stream not supported"}', { ...json, status: 400 }))('u', streaming);
    expect(error.status).toBe(400);
    const plain = await acceptPlainAnswers(onPlain, serving(JSON.stringify(completion), json))('u', { method: 'POST', body: JSON.stringify({ stream: false }) });
    expect(await plain.json()).toEqual(completion);
    const other = await acceptPlainAnswers(onPlain, serving('{"error":{"message":"busy"}}', json))('u', streaming);
    expect(await other.text()).toBe('{"error":{"message":"busy"}}');
    const cut = await acceptPlainAnswers(onPlain, serving('{"choices":[{"mess', json))('u', streaming);
    expect(await cut.text()).toBe('{"choices":[{"mess');
    expect(told).toBe(0);
  });
});
