// `pnpm bench:loop`: figures of a SCRIPTED 12-iteration calculator run (no model: hand-shaped answers).
// 1. Tokens per call, REFINE answering the full state (the seed) vs only its changes.
// 2. The same runs with one of each mechanical slip in every REFINE answer (a bad `resolves`, a dropped
//    unsolved task, in full mode a solved task left out): model calls and completion tokens per inner
//    loop, after (measured: mended, no retry) and before (computed: the previous policy rejected such an
//    answer, and a model repeating its slip used up the retries, 3 calls per slipped REFINE).
// Not a test: it prints figures and exits 1 when a target is missed. Tokens are counted as MockModel
// counts them, ceil(characters / 4): deterministic, the same rule everywhere, so the ratios matter.
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { CallFinishedEvent } from '../events.js';
import { runLatentLoop } from '../latent-loop.js';
import { resolveSettings } from '../settings.js';
import type { RefineOutput } from '../state/task-accounting.js';
import { ITERATIONS, scriptedCalculatorRun } from './scripted-calculator-run.js';

const TASK = 'Build an immediate-execution pocket calculator as one HTML file (#display, digit, operator, = and C keys, keyboard support).';
/** Attempts per call under the default settings: what a repeated slip cost under the previous policy. */
const ATTEMPTS = resolveSettings({}).maxRetries + 1;

interface Measured {
  calls: CallFinishedEvent[];
  /** Mends per REFINE round (index 0 = round 1). */
  mendsPerRound: number[];
  retries: number;
  /** state_final.json as saved. */
  final: unknown;
}

async function measure(mode: RefineOutput, slips: boolean): Promise<Measured> {
  const directory = await mkdtemp(join(tmpdir(), `latent-bench-${mode}-`));
  const calls: CallFinishedEvent[] = [];
  try {
    const { model } = scriptedCalculatorRun(mode, { slips });
    const result = await runLatentLoop({
      model,
      task: TASK,
      artifactFileName: 'calculator.html',
      directory,
      settings: { refineOutput: mode, maxRefinements: ITERATIONS, minSolvePerIteration: 2 },
      onEvent: (event) => {
        if (event.type === 'call-finished') calls.push(event);
      },
    });
    if (result.endReason !== 'all-solved' || result.refinements !== ITERATIONS) {
      throw new Error(`the scripted ${mode} run went wrong: ${result.endReason} after ${result.refinements} refinement(s), ${result.retries} retries`);
    }
    const saved: unknown = JSON.parse(await readFile(join(directory, 'state_final.json'), 'utf8'));
    return {
      calls,
      mendsPerRound: result.iterations.map((round) => round.mends?.length ?? 0),
      retries: result.retries,
      final: saved,
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

const pad = (value: string | number, width: number): string => String(value).padStart(width);
const label = (call: CallFinishedEvent): string => (call.phase === 'refine' ? `refine ${call.iteration}` : call.phase);
const total = (calls: readonly CallFinishedEvent[], key: 'prompt' | 'completion'): number => calls.reduce((sum, call) => sum + call.tokens[key], 0);

const full = await measure('full', false);
const changes = await measure('changes', false);
console.log('Loop benchmark: SCRIPTED calculator run, INIT + 12 REFINE + GENERATE; tokens = ceil(characters / 4)');
console.log('');
console.log(`${'call'.padEnd(10)} ${pad('full prompt', 12)} ${pad('full compl.', 12)} ${pad('chg prompt', 12)} ${pad('chg compl.', 12)}`);
for (const [index, call] of full.calls.entries()) {
  const other = changes.calls[index];
  console.log(`${label(call).padEnd(10)} ${pad(call.tokens.prompt, 12)} ${pad(call.tokens.completion, 12)} ${pad(other?.tokens.prompt ?? '-', 12)} ${pad(other?.tokens.completion ?? '-', 12)}`);
}
console.log(`${'total'.padEnd(10)} ${pad(total(full.calls, 'prompt'), 12)} ${pad(total(full.calls, 'completion'), 12)} ${pad(total(changes.calls, 'prompt'), 12)} ${pad(total(changes.calls, 'completion'), 12)}`);

const refines = changes.calls.filter((call) => call.phase === 'refine').map((call) => call.tokens.completion);
const first = refines[0] ?? 0;
const last = refines.at(-1) ?? 0;
const ratio = total(changes.calls, 'completion') / total(full.calls, 'completion');
const targets = [
  { name: 'changes: last REFINE completion ≤ 1.2 × first', met: last <= 1.2 * first, figure: `${last} vs ${first} (${(last / first).toFixed(2)}×)` },
  { name: 'changes: run completion total ≤ ½ of full', met: ratio <= 0.5, figure: `${total(changes.calls, 'completion')} vs ${total(full.calls, 'completion')} (${(ratio * 100).toFixed(0)}%)` },
];

/** What the previous policy would have cost: every slipped REFINE call made ATTEMPTS times, the same answer each time. */
function before(slipped: Measured): { calls: number; completion: number } {
  return slipped.calls.reduce(
    (sum, call) => {
      const times = call.phase === 'refine' && (slipped.mendsPerRound[call.iteration - 1] ?? 0) > 0 ? ATTEMPTS : 1;
      return { calls: sum.calls + times, completion: sum.completion + times * call.tokens.completion };
    },
    { calls: 0, completion: 0 },
  );
}

console.log('');
console.log('Mechanical slips in every REFINE answer (a bad resolves, a dropped unsolved task; full mode: also a solved task left out)');
console.log(`${'inner loop'.padEnd(34)} ${pad('calls', 6)} ${pad('compl. tokens', 14)} ${pad('mends', 6)}`);
for (const [mode, clean] of [
  ['changes', changes],
  ['full', full],
] as const) {
  const slipped = await measure(mode, true);
  const previous = before(slipped);
  const slippedRefines = slipped.calls.filter((call) => call.phase === 'refine' && (slipped.mendsPerRound[call.iteration - 1] ?? 0) > 0);
  const mends = slipped.mendsPerRound.reduce((sum, count) => sum + count, 0);
  console.log(`${`${mode}: clean`.padEnd(34)} ${pad(clean.calls.length, 6)} ${pad(total(clean.calls, 'completion'), 14)} ${pad(0, 6)}`);
  console.log(`${`${mode}: slipped, before (computed)`.padEnd(34)} ${pad(previous.calls, 6)} ${pad(previous.completion, 14)} ${pad('-', 6)}`);
  console.log(`${`${mode}: slipped, after (measured)`.padEnd(34)} ${pad(slipped.calls.length, 6)} ${pad(total(slipped.calls, 'completion'), 14)} ${pad(mends, 6)}`);
  const rounds = slipped.mendsPerRound.filter((count) => count > 0).length;
  targets.push(
    {
      name: `${mode}: a REFINE whose only issues are mechanical costs exactly one call`,
      met: slipped.retries === 0 && slippedRefines.length === rounds && rounds === ITERATIONS,
      figure: `${slippedRefines.length} call(s) for ${rounds} slipped REFINE(s), ${slipped.retries} retries`,
    },
    {
      name: `${mode}: slipped run's calls ≤ 1.1 × the clean run's`,
      met: slipped.calls.length <= 1.1 * clean.calls.length,
      figure: `${slipped.calls.length} vs ${clean.calls.length} (before: ${previous.calls}, ${(previous.calls / clean.calls.length).toFixed(2)}×)`,
    },
    {
      name: `${mode}: the slipped run saves the clean run's final state (nothing lost, nothing gained)`,
      met: isDeepStrictEqual(slipped.final, clean.final),
      figure: isDeepStrictEqual(slipped.final, clean.final) ? 'identical state_final.json' : 'different state_final.json',
    },
  );
}

console.log('');
for (const target of targets) console.log(`${target.met ? '✓' : '✗'} ${target.name}: ${target.figure}`);
if (targets.some((target) => !target.met)) process.exitCode = 1;
