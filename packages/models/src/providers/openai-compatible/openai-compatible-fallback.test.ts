import { describe, expect, it } from 'vitest';
import { capabilitiesAfterRefusal } from './openai-compatible-fallback.js';

const full = { mode: 'json_schema', streaming: true } as const;

describe('capabilitiesAfterRefusal', () => {
  it('weakens the structured-output mode on a response-format rejection, keeping streaming', () => {
    expect(capabilitiesAfterRefusal(full, { kind: 'http', status: 400, body: 'response_format json_schema not supported' })).toEqual({ mode: 'json_object', streaming: true });
  });

  it('turns streaming off on a 4xx that names streaming, or a JSON answer to a stream request', () => {
    expect(capabilitiesAfterRefusal(full, { kind: 'http', status: 400, body: '{"error":"stream_options is not allowed"}' })).toEqual({ mode: 'json_schema', streaming: false });
    expect(capabilitiesAfterRefusal(full, { kind: 'http', status: 422, body: 'streaming unsupported' })).toEqual({ mode: 'json_schema', streaming: false });
    expect(capabilitiesAfterRefusal(full, { kind: 'not-an-event-stream' })).toEqual({ mode: 'json_schema', streaming: false });
  });

  it('gives up when there is nothing left to fall back to', () => {
    expect(capabilitiesAfterRefusal({ mode: 'prompt', streaming: false }, { kind: 'http', status: 400, body: 'response_format stream' })).toBeUndefined();
    expect(capabilitiesAfterRefusal({ mode: 'json_schema', streaming: false }, { kind: 'not-an-event-stream' })).toBeUndefined();
  });

  it('is no fallback for other errors: 5xx, 429, 404, a 400 about something else', () => {
    for (const [status, body] of [[500, 'stream died'], [429, 'streams busy'], [404, 'stream'], [400, 'context length exceeded']] as const) {
      expect(capabilitiesAfterRefusal(full, { kind: 'http', status, body }), `${status} ${body}`).toBeUndefined();
    }
  });
});
