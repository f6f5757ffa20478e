import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ModelError, ModelHttpError, ModelOutputError, ReplayError } from '../../errors.js';
import type { GenerateObjectRequest } from '../../language-model.js';
import { withRecording } from './recording-model.js';
import { ReplayModel } from './replay-model.js';
import { MockModel } from '../../testing/mock-model.js';
import { readTranscript, transcriptHeader, writeTranscript } from './transcript-file.js';

const planSchema = z.object({ steps: z.array(z.string()).min(1) });
const codeSchema = z.object({ code: z.string() });

function planRequest(prompt = 'plan it'): GenerateObjectRequest<z.infer<typeof planSchema>> {
  return { system: 'planner', prompt, schema: planSchema, jsonSchema: z.toJSONSchema(planSchema), schemaName: 'plan', maxTokens: 100, temperature: 0, seed: 1 };
}
function codeRequest(): GenerateObjectRequest<z.infer<typeof codeSchema>> {
  return { system: 'coder', prompt: 'write it', schema: codeSchema, jsonSchema: z.toJSONSchema(codeSchema), schemaName: 'code', maxTokens: 100 };
}

const tempFile = (name: string): string => join(mkdtempSync(join(tmpdir(), 'ndli-replay-')), name);

async function outcome<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return promise.then((value) => ({ value }), (error: unknown) => ({ error }));
}

describe('recording and replay', () => {
  it('round-trips a session: answers, a malformed answer, a truncation and a transport error reproduce exactly', async () => {
    const path = tempFile('session.jsonl');
    const mock = new MockModel({
      modelId: 'mock-qwen',
      responses: [
        '{"steps":["read","write"]}',
        '{"steps":[]}', // schema mismatch
        { rawText: '{"code":"const a', finishReason: 'length', completionTokens: 100 },
        new ModelHttpError({ provider: 'mock', modelId: 'mock-qwen', status: 503, message: 'HTTP 503: overloaded' }),
        '{"code":"ok()"}',
      ],
    });
    const recorder = withRecording(mock, path, { description: 'round trip' });
    const live = [
      await outcome(recorder.generateObject(planRequest())),
      await outcome(recorder.generateObject(planRequest('again'))),
      await outcome(recorder.generateObject(codeRequest())),
      await outcome(recorder.generateObject(codeRequest())),
      await outcome(recorder.generateObject(codeRequest())),
    ];
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(6);

    const replay = ReplayModel.fromFile(path);
    expect(replay.scripted).toBe(true); // recorded from a scripted MockModel
    expect(replay.modelId).toBe('mock-qwen');
    expect(replay.description).toBe('round trip');
    const replayed = [
      await outcome(replay.generateObject(planRequest())),
      await outcome(replay.generateObject(planRequest('again'))),
      await outcome(replay.generateObject(codeRequest())),
      await outcome(replay.generateObject(codeRequest())),
      await outcome(replay.generateObject(codeRequest())),
    ];

    expect(replayed[0]?.value?.object).toEqual({ steps: ['read', 'write'] });
    expect(replayed[0]?.value?.usage).toEqual(live[0]?.value?.usage);
    expect(replayed[0]?.value?.rawText).toBe(live[0]?.value?.rawText);
    for (const index of [1, 2]) {
      const [before, after] = [live[index]?.error, replayed[index]?.error];
      expect(after).toBeInstanceOf(ModelOutputError);
      expect((after as ModelOutputError).code).toBe((before as ModelOutputError).code);
      expect((after as ModelOutputError).issues).toEqual((before as ModelOutputError).issues);
      expect((after as ModelOutputError).call.rawText).toBe((before as ModelOutputError).call.rawText);
    }
    expect((replayed[1]?.error as ModelOutputError).code).toBe('MODEL_OUTPUT_SCHEMA_MISMATCH');
    expect((replayed[2]?.error as ModelOutputError).code).toBe('MODEL_OUTPUT_TRUNCATED');
    expect(replayed[3]?.error).toBeInstanceOf(ModelError);
    expect((replayed[3]?.error as ModelError).code).toBe('MODEL_HTTP_ERROR');
    expect((replayed[3]?.error as ModelError).message).toBe('HTTP 503: overloaded');
    expect(replayed[4]?.value?.object).toEqual({ code: 'ok()' });
    expect(replay.remaining).toBe(0);
  });

  it('records the request settings that identify each call', async () => {
    const path = tempFile('settings.jsonl');
    await withRecording(new MockModel({ responses: ['{"steps":["a"]}'] }), path).generateObject(planRequest());
    const { calls } = readTranscript(path);
    expect(calls[0]?.request).toEqual({ schemaName: 'plan', system: 'planner', prompt: 'plan it', temperature: 0, maxTokens: 100, seed: 1 });
  });

  it('throws REPLAY_MISMATCH when the run asks for a different schema than was recorded', async () => {
    const path = tempFile('mismatch.jsonl');
    await withRecording(new MockModel({ responses: ['{"steps":["a"]}'] }), path).generateObject(planRequest());
    const error = await ReplayModel.fromFile(path).generateObject(codeRequest()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReplayError);
    expect((error as ReplayError).code).toBe('REPLAY_MISMATCH');
    expect((error as ReplayError).message).toContain('"plan"');
    expect((error as ReplayError).message).toContain('"code"');
  });

  it('throws REPLAY_EXHAUSTED with a hint when the run makes more calls than recorded', async () => {
    const path = tempFile('short.jsonl');
    await withRecording(new MockModel({ responses: ['{"steps":["a"]}'] }), path).generateObject(planRequest());
    const replay = ReplayModel.fromFile(path);
    await replay.generateObject(planRequest());
    const error = await replay.generateObject(planRequest()).catch((caught: unknown) => caught);
    expect((error as ReplayError).code).toBe('REPLAY_EXHAUSTED');
    expect((error as ReplayError).hint).toMatch(/re-record/i);
  });

  it('continues from a start index (a resumed run does not replay answers it already used)', async () => {
    const path = tempFile('resume.jsonl');
    const recording = withRecording(new MockModel({ responses: ['{"steps":["first"]}', '{"steps":["second"]}'] }), path);
    await recording.generateObject(planRequest());
    await recording.generateObject(planRequest());
    const resumed = ReplayModel.fromFile(path, { startIndex: 1 });
    expect(resumed.remaining).toBe(1);
    expect((await resumed.generateObject(planRequest())).object.steps).toEqual(['second']);
    expect(() => ReplayModel.fromFile(path, { startIndex: 3 })).toThrow(/Cannot start replaying/);
  });

  it('takes `scripted` from the header: a hand-written transcript is scripted, a recorded one from a real model is not', async () => {
    const path = tempFile('authored.jsonl');
    writeTranscript(path, {
      header: transcriptHeader({ scripted: true, description: 'demo', provider: 'scripted', modelId: 'demo-model' }),
      calls: [
        {
          type: 'call',
          index: 0,
          request: { schemaName: 'plan', system: 'planner', prompt: 'plan it', maxTokens: 100 },
          response: { rawText: '{"steps":["x"]}', usage: {}, timings: { totalMs: 0 }, finishReason: 'stop', modelId: 'demo-model' },
        },
      ],
    });
    const replay = ReplayModel.fromFile(path);
    expect(replay.scripted).toBe(true);
    expect((await replay.generateObject(planRequest())).object).toEqual({ steps: ['x'] });

    const realPath = tempFile('real.jsonl');
    writeTranscript(realPath, { header: transcriptHeader({ scripted: false, description: 'live', provider: 'lmstudio', modelId: 'q' }), calls: [] });
    expect(ReplayModel.fromFile(realPath).scripted).toBe(false);
  });
});

describe('transcript files', () => {
  const header = JSON.stringify(transcriptHeader({ scripted: true, description: 'd', provider: 'p', modelId: 'm' }));

  it.each([
    ['a line that is not JSON', `${header}\n{"type":"call",`, /line 2 is not JSON/],
    ['a call without response or error', `${header}\n{"type":"call","index":0,"request":{"schemaName":"a","system":"s","prompt":"p","maxTokens":5}}`, /line 2 is not a valid call/],
    ['a bad header', '{"type":"transcript","version":2}', /line 1 is not a valid transcript header/],
    ['an empty file', '\n', /empty/],
    [
      'a gap in call indices',
      `${header}\n{"type":"call","index":1,"request":{"schemaName":"a","system":"s","prompt":"p","maxTokens":5},"error":{"code":"MODEL_TIMEOUT","message":"slow"}}`,
      /line 2 has call index 1, expected 0/,
    ],
  ])('rejects %s with REPLAY_FILE_INVALID naming the line', (_, text, message) => {
    const path = tempFile('bad.jsonl');
    writeFileSync(path, text);
    let caught: unknown;
    try {
      ReplayModel.fromFile(path);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ReplayError);
    expect((caught as ReplayError).code).toBe('REPLAY_FILE_INVALID');
    expect((caught as ReplayError).message).toMatch(message);
    expect((caught as ReplayError).message).toContain(path);
  });

  it('reports a missing file as REPLAY_FILE_INVALID', () => {
    expect(() => ReplayModel.fromFile('/nonexistent/ndli/transcript.jsonl')).toThrow(/does not exist/);
  });

  it('refuses to write an invalid transcript', () => {
    const path = tempFile('never.jsonl');
    expect(() =>
      writeTranscript(path, {
        header: transcriptHeader({ scripted: true, description: 'd', provider: 'p', modelId: 'm' }),
        calls: [{ type: 'call', index: 3, request: { schemaName: 'a', system: 's', prompt: 'p', maxTokens: 5 }, error: { code: 'MODEL_TIMEOUT', message: 'slow' } }],
      }),
    ).toThrow(ReplayError);
  });
});
