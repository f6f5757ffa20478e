/**
 * `pnpm bench:candidates`: wall time of a SCRIPTED run with 1 vs 4 candidates at 1 vs 4 model calls in flight,
 * against a server that times its answers like a GPU (gpu-timed-server.ts), and the judge's share (Ralph in
 * real Chromium on the small `tiny` spec). Prints figures and whether the targets are met; it asserts nothing.
 */
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { NdliConfigSchema } from '../config/config-schema.js';
import type { OrchestratorEvent } from '../events.js';
import { startRun } from '../run/session.js';
import { tinyApp, tinySpecsDirectory } from '../test-support/tiny-app.js';
import { transcriptAnswers } from '../test-support/transcript-answers.js';
import { passScenario } from '../transcripts/scenarios.js';
import { startGpuTimedServer, type GpuTiming } from './gpu-timed-server.js';

// Ten times a 7B model on one consumer GPU (≈ 100 tokens/s decode), so the bench takes minutes, not an hour.
const TIMING: GpuTiming = { slots: 4, prefillTokensPerSecond: 20_000, decodeTokensPerSecond: 1_000, exponent: Math.log(2.5) / Math.log(4) };
// A generated app is ≈ 3,000 tokens (a calculator's is 2–4k): the tiny app is padded to that size with a comment.
const ARTIFACT_TOKENS = 3_000;

interface Figures {
  candidates: number;
  concurrency: number;
  modelMs: number;
  judgeMs: number;
  totalMs: number;
  status: string;
  maxStreams: number;
  verdicts: number;
}

/** The tiny pass scenario's states in order; every GENERATE a distinct, green, realistically long app. */
function scriptedAnswers(): (body: string) => string {
  const [init, ...rest] = transcriptAnswers(passScenario({ modelId: 'scripted-gpu', reference: tinyApp(20) }));
  const states = [init, ...rest.slice(0, -1)].map(String);
  let state = 0;
  let sample = 0;
  return (body) => {
    if (body.includes('generated_artifact')) {
      sample += 1;
      const padding = 'x'.repeat(Math.max(0, ARTIFACT_TOKENS * 4 - tinyApp(20).length));
      return JSON.stringify({ html: tinyApp(20).replace('<body>', `<body><!-- sample ${sample}: ${padding} -->`) });
    }
    const answer = states[Math.min(state, states.length - 1)] ?? '';
    state += 1;
    return answer;
  };
}

async function measure(specsDir: string, candidates: number, concurrency: number): Promise<Figures> {
  const server = await startGpuTimedServer(TIMING, scriptedAnswers());
  const marks: Partial<Record<'roundStart' | 'judgeStart' | 'verdict', number>> = {};
  let verdicts = 0;
  const onEvent = (event: OrchestratorEvent) => {
    const now = performance.now();
    if (event.type === 'round-start') marks.roundStart ??= now;
    if (event.type === 'judge-start') marks.judgeStart ??= now;
    if (event.type === 'judge-start' && event.reusedFrom === undefined) verdicts += 1;
    if (event.type === 'verdict') marks.verdict = now;
  };
  const started = performance.now();
  try {
    const config = NdliConfigSchema.parse({ specsDir, model: 'openai-compatible/scripted-gpu', baseUrl: server.baseUrl, maxRefinements: 2, record: false, candidates, concurrency });
    const outcome = await startRun({ cwd: mkdtempSync(join(tmpdir(), 'ndli-bench-candidates-')), specName: 'tiny', config, mode: 'inner', onEvent });
    return {
      candidates,
      concurrency,
      modelMs: (marks.judgeStart ?? 0) - (marks.roundStart ?? 0),
      judgeMs: (marks.verdict ?? 0) - (marks.judgeStart ?? 0),
      totalMs: performance.now() - started,
      status: outcome.status,
      maxStreams: server.gpu.maxStreams,
      verdicts,
    };
  } finally {
    await server.close();
  }
}

const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const specsDir = tinySpecsDirectory();
  process.stdout.write(
    `Candidates benchmark: a SCRIPTED tiny-spec run (INIT, 2 REFINE, GENERATE of a ≈${ARTIFACT_TOKENS}-token app) against a GPU-timed server ` +
      `(${TIMING.slots} slots, prefill ${TIMING.prefillTokensPerSecond} tok/s, decode ${TIMING.decodeTokensPerSecond} tok/s per lone stream, 4 streams ≈ ${(4 ** TIMING.exponent).toFixed(2)}× one); ` +
      `Ralph in real Chromium (${availableParallelism()} cores).\n\n`,
  );
  const rows: Figures[] = [];
  for (const [candidates, concurrency] of [
    [1, 1],
    [1, 4],
    [4, 1],
    [4, 4],
  ] as const) {
    const figures = await measure(specsDir, candidates, concurrency);
    rows.push(figures);
    process.stdout.write(
      `candidates ${candidates} · concurrency ${concurrency}: model ${seconds(figures.modelMs)} · judge ${seconds(figures.judgeMs)} (${figures.verdicts} verdict(s)) · total ${seconds(figures.totalMs)} · judge's share ${((figures.judgeMs / figures.totalMs) * 100).toFixed(0)} % · streams at once ≤ ${figures.maxStreams} · ${figures.status}\n`,
    );
  }
  const find = (candidates: number, concurrency: number) => rows.find((row) => row.candidates === candidates && row.concurrency === concurrency);
  const one = find(1, 1);
  const four = find(4, 4);
  if (!one || !four) return;
  const modelRatio = four.modelMs / one.modelMs;
  const judgeRatio = four.judgeMs / one.judgeMs;
  process.stdout.write(
    `\nTargets:\n` +
      `  candidates 4 at concurrency 4: ${modelRatio.toFixed(2)}× the model wall time of candidates 1 (target ≤ 1.6×) → ${modelRatio <= 1.6 ? 'met' : 'NOT met'}\n` +
      `  4 verdicts of a round: ${judgeRatio.toFixed(2)}× one verdict (target ≤ 2.5×) → ${judgeRatio <= 2.5 ? 'met' : 'NOT met'}\n`,
  );
}

await main();
