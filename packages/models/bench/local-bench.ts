/**
 * `pnpm bench:local`: load time, time to first token and tokens/s of the local provider, with and
 * without the JSON-schema grammar, on the tiny random GGUF (real llama.cpp, random weights: figures of
 * the machinery, not of a model) and on NDLI_LOCAL_BENCH_MODEL (a .gguf path or an alias) when set.
 */
import { z } from 'zod';
import { LocalModel, llamaBackend, releaseLocalModels, type GenerateObjectRequest } from '../src/index.js';
import { writeTinyGguf } from '../src/testing/tiny-gguf.js';

const answer = z.object({ name: z.string().max(40), steps: z.array(z.string().max(60)).max(4), code: z.string().max(400) });

function request(schema: z.ZodType<unknown>, maxTokens: number, prompt: string): GenerateObjectRequest<unknown> {
  return {
    system: 'You write small JavaScript functions.',
    prompt,
    schema,
    jsonSchema: z.toJSONSchema(schema) as Record<string, unknown>,
    schemaName: 'bench',
    maxTokens,
    temperature: 0.8,
    seed: 1,
  };
}

async function measure(label: string, path: string, threads: number | undefined, maxTokens: number): Promise<void> {
  let loadMs = 0;
  const options = { ...(threads === undefined ? {} : { threads }), onLoaded: (loaded: { loadMs: number }) => (loadMs = loaded.loadMs) };
  const constrained = new LocalModel(path, options);
  await constrained.load();
  const unconstrained = new LocalModel(path, { ...options, constrain: false });
  console.log(`\n${label}: ${path}`);
  console.log(`  load            ${loadMs} ms  (threads ${constrained.threads})`);
  for (const [name, model] of [
    ['with grammar', constrained],
    ['without grammar', unconstrained],
  ] as const) {
    const runs = 3;
    let firstToken = 0;
    let rate = 0;
    let tokens = 0;
    // One call first, not counted: it compiles the schema's grammar (cached for the calls after).
    const warmUpStartedAt = performance.now();
    await model.generateObject(request(answer, maxTokens, 'Write a function that adds two numbers.')).catch(() => undefined);
    const warmUpMs = performance.now() - warmUpStartedAt;
    for (let run = 0; run < runs; run += 1) {
      const result = await model
        .generateObject(request(answer, maxTokens, 'Write a function that adds two numbers.'))
        .then((value) => ({ timings: value.timings, usage: value.usage }))
        .catch((error: { call?: { timings: { timeToFirstTokenMs?: number; tokensPerSecond?: number }; usage: { completionTokens?: number } } }) => {
          if (error.call === undefined) throw error;
          return { timings: error.call.timings, usage: error.call.usage };
        });
      firstToken += result.timings.timeToFirstTokenMs ?? 0;
      rate += result.timings.tokensPerSecond ?? 0;
      tokens += result.usage.completionTokens ?? 0;
    }
    console.log(
      `  ${name.padEnd(16)}first token ${(firstToken / runs).toFixed(0)} ms · ${(rate / runs).toFixed(0)} tokens/s · ${(tokens / runs).toFixed(0)} tokens a call ` +
        `(mean of ${runs}, after a first call of ${warmUpMs.toFixed(0)} ms)`,
    );
  }
}

const runtimeStartedAt = performance.now();
const backend = await llamaBackend();
console.log(`llama.cpp runtime loaded in ${(performance.now() - runtimeStartedAt).toFixed(0)} ms: ${backend.gpu === false ? `CPU only (${backend.cpuMathCores} cores)` : `GPU ${backend.gpu}`}`);
const tiny = await writeTinyGguf();
await measure('tiny random model (2 layers, embedding 64; real inference, random weights)', tiny, 1, 400);
const real = process.env['NDLI_LOCAL_BENCH_MODEL'];
if (real !== undefined && real !== '') await measure('NDLI_LOCAL_BENCH_MODEL', real, undefined, 400);
else console.log('\nSet NDLI_LOCAL_BENCH_MODEL to a .gguf path or an alias (e.g. qwen2.5-coder-1.5b) to measure a real model too.');
await releaseLocalModels();
