import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RecordingModel } from './recording-model.js';
import { ReplayModel } from './replay-model.js';
import { readTranscript } from './transcript-file.js';
import { MockModel } from '../../testing/mock-model.js';

const schema = z.object({ n: z.number() });
const request = (prompt: string) => ({ system: 's', prompt, schema, jsonSchema: {}, schemaName: 'answer', maxTokens: 100 });

// SCRIPTED answers: {"n": 1}, {"n": 2}, …
const scripted = (from: number, count: number) => new MockModel({ modelId: 'm', responses: Array.from({ length: count }, (_, index) => JSON.stringify({ n: from + index })) });

async function record(model: RecordingModel, prompts: readonly string[]): Promise<void> {
  for (const prompt of prompts) await model.generateObject(request(prompt));
}

describe('RecordingModel: a resumed session appends', () => {
  it('keeps the header once and numbers calls on, so the file replays every session', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ndli-rec-')), 'transcript.jsonl');
    await record(new RecordingModel(scripted(1, 2), path), ['a', 'b']);
    await record(new RecordingModel(scripted(3, 2), path, { append: true }), ['c', 'd']);
    const text = readFileSync(path, 'utf8');
    expect(text.match(/"type":"transcript"/g)).toHaveLength(1);
    const transcript = readTranscript(path);
    expect(transcript.calls.map((call) => call.index)).toEqual([0, 1, 2, 3]);
    const replay = new ReplayModel(transcript);
    const answers = [];
    for (const prompt of ['a', 'b', 'c', 'd']) answers.push((await replay.generateObject(request(prompt))).object.n);
    expect(answers).toEqual([1, 2, 3, 4]);
  });

  it('leaves out a call cut short by an abort (it has no answer to replay)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ndli-rec-')), 'transcript.jsonl');
    const controller = new AbortController();
    controller.abort('interrupted');
    const model = new RecordingModel(scripted(1, 2), path);
    await expect(model.generateObject({ ...request('a'), abortSignal: controller.signal })).rejects.toMatchObject({ code: 'MODEL_ABORTED' });
    await record(model, ['a']);
    expect(readTranscript(path).calls.map((call) => call.index)).toEqual([0]);
  });

  it('without append a new session starts a new file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ndli-rec-')), 'transcript.jsonl');
    await record(new RecordingModel(scripted(1, 2), path), ['a', 'b']);
    await record(new RecordingModel(scripted(3, 1), path), ['c']);
    expect(readTranscript(path).calls).toHaveLength(1);
  });

  it('drops a torn last line (a kill mid-write)', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ndli-rec-'));
    const path = join(directory, 'transcript.jsonl');
    await record(new RecordingModel(scripted(1, 2), path), ['a', 'b']);
    appendFileSync(path, '{"type":"call","index":2,"requ');
    await record(new RecordingModel(scripted(9, 1), path, { append: true }), ['c']);
    const transcript = readTranscript(path);
    expect(transcript.calls.map((call) => [call.index, call.request.prompt])).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
    ]);
    expect(readdirSync(directory)).toEqual(['transcript.jsonl']);
  });

  it('drops calls the run never saved (killed between recording and saving): the re-made call takes their place', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ndli-rec-')), 'transcript.jsonl');
    // Three calls on record, but the run saved only two before it was killed: the third is made again on resume.
    await record(new RecordingModel(scripted(1, 3), path), ['a', 'b', 'c']);
    await record(new RecordingModel(scripted(7, 2), path, { append: true, keepCalls: 2 }), ['c', 'd']);
    const transcript = readTranscript(path);
    expect(transcript.calls.map((call) => [call.index, call.request.prompt, 'response' in call ? call.response.rawText : call.error.code])).toEqual([
      [0, 'a', '{"n":1}'],
      [1, 'b', '{"n":2}'],
      [2, 'c', '{"n":7}'],
      [3, 'd', '{"n":8}'],
    ]);
  });

  it('keeps an unreadable file aside instead of appending to it', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ndli-rec-'));
    const path = join(directory, 'transcript.jsonl');
    appendFileSync(path, 'not a transcript\n');
    await record(new RecordingModel(scripted(1, 1), path, { append: true }), ['a']);
    expect(readTranscript(path).calls).toHaveLength(1);
    const aside = readdirSync(directory).find((name) => name.startsWith('transcript.jsonl.unreadable-'));
    expect(aside).toBeDefined();
    expect(existsSync(join(directory, aside ?? ''))).toBe(true);
  });
});
