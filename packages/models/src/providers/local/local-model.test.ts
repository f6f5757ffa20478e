import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ModelError, ModelOutputError } from '../../errors.js';
import type { GenerateObjectRequest, GenerationProgress } from '../../language-model.js';
import { writeTinyGguf } from '../../testing/tiny-gguf.js';
import { releaseLocalModels } from './llama-runtime.js';
import { LocalModel } from './local-model.js';

// Real inference, random weights: llama.cpp runs the tiny model written by writeTinyGguf. These tests
// prove the wiring (grammar, streaming, abort, context, usage), not the quality of any answer.

/** The phases' shapes (as latent-core's schemas), bounded with maxLength/maxItems: a random model closes a string only by chance. */
const solvedTask = z.object({ name: z.string().min(1).max(16), solution_code: z.string().min(20).max(32), resolves: z.array(z.string().min(1).max(8)).max(1).optional() });
const unsolvedTask = z.object({ name: z.string().min(1).max(16), what_i_know: z.string().max(24), blockers: z.array(z.string().min(1).max(24)).min(1).max(2) });
const reasoningState = z.object({
  solved_tasks: z.array(solvedTask).max(2),
  unsolved_tasks: z.array(unsolvedTask).max(2),
  blocker_answers: z.array(z.string().max(24)).max(2),
});
const generatedArtifact = z.object({ html: z.string().min(1).max(200) });
const PHASE_SCHEMAS = { reasoning_state: reasoningState, generated_artifact: generatedArtifact } as const;
const CALLS_PER_SCHEMA = 6;

function request<OUTPUT>(schemaName: string, schema: z.ZodType<OUTPUT>, overrides: Partial<GenerateObjectRequest<OUTPUT>> = {}): GenerateObjectRequest<OUTPUT> {
  return {
    system: 'You decompose a task into solved and unsolved parts.',
    prompt: 'Task: a calculator.',
    schema,
    jsonSchema: z.toJSONSchema(schema) as Record<string, unknown>,
    schemaName,
    maxTokens: 1200,
    temperature: 1,
    ...overrides,
  };
}

let modelPath: string;
let model: LocalModel;

beforeAll(async () => {
  modelPath = await writeTinyGguf();
  model = new LocalModel(modelPath, { threads: 1 });
});

afterAll(async () => {
  await releaseLocalModels();
});

describe('LocalModel (real inference, random weights)', () => {
  it.each(Object.entries(PHASE_SCHEMAS))('every answer parses against the %s schema unless the token limit cut it', async (schemaName, schema) => {
    let parsed = 0;
    let cut = 0;
    for (let seed = 1; seed <= CALLS_PER_SCHEMA; seed += 1) {
      try {
        const result = await model.generateObject(request(schemaName, schema as z.ZodType<unknown>, { seed }));
        expect(result.finishReason).toBe('stop');
        parsed += 1;
      } catch (error) {
        // The grammar's guarantee: the only failure allowed is a length cut.
        if (!(ModelOutputError.isInstance(error) && error.code === 'MODEL_OUTPUT_TRUNCATED')) throw error;
        cut += 1;
      }
    }
    expect(parsed + cut).toBe(CALLS_PER_SCHEMA);
    expect(parsed).toBeGreaterThan(0);
  });

  it('samples unions (zod writes anyOf, compiled as oneOf) within the schema', async () => {
    const choice = z.object({ pick: z.union([z.object({ kind: z.literal('a') }), z.object({ kind: z.literal('b'), size: z.enum(['small', 'large']) })]) });
    for (let seed = 1; seed <= 3; seed += 1) {
      const result = await model.generateObject(request('choice', choice, { seed, maxTokens: 200 }));
      expect(['a', 'b']).toContain(result.object.pick.kind);
    }
  });

  it('counts usage with the model tokenizer and starts every call in a fresh context', async () => {
    const first = await model.generateObject(request('generated_artifact', generatedArtifact, { seed: 7 }));
    const second = await model.generateObject(request('generated_artifact', generatedArtifact, { seed: 7 }));
    // Same seed, same prompt, nothing carried over: the same answer.
    expect(second.rawText).toBe(first.rawText);
    expect(first.usage.promptTokens).toBeGreaterThan(20);
    // A byte vocabulary: one token per character of the ASCII answer (plus the end-of-turn token, if any).
    expect(first.usage.completionTokens).toBeGreaterThanOrEqual(first.rawText.length);
    expect(first.usage.completionTokens).toBeLessThanOrEqual(first.rawText.length + 2);
    expect([...first.rawText].every((character) => character.charCodeAt(0) < 0x80)).toBe(true);
    expect(first.modelId).toBe(modelPath);
  });

  it('streams progress through onProgress', async () => {
    const events: GenerationProgress[] = [];
    const result = await model.generateObject(request('generated_artifact', generatedArtifact, { seed: 3, onProgress: (progress) => events.push(progress) }));
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]?.completionTokens).toBeGreaterThan(0);
    expect(events[0]?.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
  });

  it('reports a length cut as MODEL_OUTPUT_TRUNCATED with the raw text kept', async () => {
    const long = z.object({ text: z.string().min(400) });
    const failure = await model.generateObject(request('long', long, { maxTokens: 30 })).catch((error: unknown) => error);
    expect(ModelOutputError.isInstance(failure)).toBe(true);
    const error = failure as ModelOutputError;
    expect(error.code).toBe('MODEL_OUTPUT_TRUNCATED');
    expect(error.call.finishReason).toBe('length');
    expect(error.call.usage.completionTokens).toBe(30);
    expect(error.call.rawText.startsWith('{')).toBe(true);
  });

  it('aborts mid-generation', async () => {
    const controller = new AbortController();
    // A grammar that forces 1,000 tokens: the answer cannot end before the abort lands.
    const long = z.object({ text: z.literal('x'.repeat(1000)) });
    const failure = await model
      .generateObject(request('long', long, { maxTokens: 1100, abortSignal: controller.signal, onProgress: () => controller.abort() }))
      .catch((error: unknown) => error);
    expect(ModelError.isInstance(failure) && failure.code).toBe('MODEL_ABORTED');
  });

  it('fails with MODEL_TIMEOUT when the call outlives its total time', async () => {
    const slow = new LocalModel(modelPath, { threads: 1, timeoutMs: 150 });
    // The grammar forces 1,000 byte tokens, so the answer cannot end within the limit by chance (an
    // unconstrained random model may stop early on a fast, idle machine). Either reading the prompt
    // outlasts the limit, or the first token's progress callback holds the thread past it while most
    // tokens remain: both are the call outliving its total time.
    const long = z.object({ text: z.literal('x'.repeat(1000)) });
    let held = false;
    const holdPastTheLimit = (): void => {
      if (held) return;
      held = true;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
    };
    const failure = await slow.generateObject(request('long', long, { maxTokens: 1100, onProgress: holdPastTheLimit })).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'MODEL_TIMEOUT', kind: 'total', timeoutMs: 150 });
  });

  it('refuses a prompt plus maxTokens beyond the model context with what to change', async () => {
    const failure = await model.generateObject(request('generated_artifact', generatedArtifact, { maxTokens: 5000 })).catch((error: unknown) => error);
    expect(ModelError.isInstance(failure) && failure.code).toBe('MODEL_CONTEXT_EXCEEDED');
    expect((failure as ModelError).hint).toMatch(/Lower maxTokens to at most \d+/);
  });
});

describe('LocalModel bad input', () => {
  async function failureOf(path: string, options: ConstructorParameters<typeof LocalModel>[1] = {}): Promise<ModelError> {
    const failure = await new LocalModel(path, { threads: 1, ...options })
      .generateObject(request('generated_artifact', generatedArtifact))
      .catch((error: unknown) => error);
    if (!ModelError.isInstance(failure)) throw new Error(`expected a ModelError, got ${String(failure)}`);
    return failure;
  }

  it('refuses a file that is not a GGUF', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ndli-local-'));
    const path = join(folder, 'notes.gguf');
    await writeFile(path, 'just some text, not a model');
    const error = await failureOf(path);
    expect(error.code).toBe('MODEL_FILE_INVALID');
    expect(error.message).toContain('not a GGUF');
  });

  it('refuses a truncated file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ndli-local-'));
    const path = join(folder, 'cut.gguf');
    const bytes = await readFile(modelPath);
    await writeFile(path, bytes.subarray(0, Math.floor(bytes.length / 3)));
    const error = await failureOf(path);
    expect(error.code).toBe('MODEL_FILE_INVALID');
    expect(error.hint).toMatch(/download it again/);
  });

  it('refuses a model without a chat template', async () => {
    const path = await writeTinyGguf({ chatTemplate: null });
    const error = await failureOf(path);
    expect(error.code).toBe('MODEL_FILE_INVALID');
    expect(error.message).toContain('no chat template');
  });

  it('names the pull command for an alias not downloaded yet', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'ndli-models-'));
    const error = await failureOf('qwen2.5-coder-1.5b', { modelsDirectory: empty });
    expect(error.code).toBe('MODEL_NOT_DOWNLOADED');
    expect(error.hint).toContain('ndli models pull qwen2.5-coder-1.5b');
  });

  it('refuses an unknown alias when the model is created', () => {
    expect(() => new LocalModel('no-such-model')).toThrow(/Unknown local model "no-such-model"/);
  });
});
