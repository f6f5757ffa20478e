// `pnpm bench:loop`: completion and prompt tokens per call of a SCRIPTED 12-iteration calculator run,
// REFINE answering the full state (the seed) vs only its changes. Not a test: it prints figures and
// exits 1 when a target is missed. Tokens are counted as MockModel counts them, ceil(characters / 4):
// deterministic, and the same rule for both modes, so the ratios are what matters.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallFinishedEvent } from '../events.js';
import { runLatentLoop } from '../latent-loop.js';
import type { RefineOutput } from '../state/task-accounting.js';
import { ITERATIONS, scriptedCalculatorRun } from './scripted-calculator-run.js';

const TASK = 'Build an immediate-execution pocket calculator as one HTML file (#display, digit, operator, = and C keys, keyboard support).';

async function measure(mode: RefineOutput): Promise<CallFinishedEvent[]> {
  const directory = await mkdtemp(join(tmpdir(), `latent-bench-${mode}-`));
  const calls: CallFinishedEvent[] = [];
  try {
    const { model } = scriptedCalculatorRun(mode);
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
    if (result.endReason !== 'all-solved' || result.refinements !== ITERATIONS || result.retries > 0) {
      throw new Error(`the scripted ${mode} run went wrong: ${result.endReason} after ${result.refinements} refinement(s), ${result.retries} retries`);
    }
    return calls;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

const pad = (value: string | number, width: number): string => String(value).padStart(width);
const label = (call: CallFinishedEvent): string => (call.phase === 'refine' ? `refine ${call.iteration}` : call.phase);

const full = await measure('full');
const changes = await measure('changes');
console.log('Loop benchmark: SCRIPTED calculator run, INIT + 12 REFINE + GENERATE; tokens = ceil(characters / 4)');
console.log('');
console.log(`${'call'.padEnd(10)} ${pad('full prompt', 12)} ${pad('full compl.', 12)} ${pad('chg prompt', 12)} ${pad('chg compl.', 12)}`);
for (const [index, call] of full.entries()) {
  const other = changes[index];
  console.log(`${label(call).padEnd(10)} ${pad(call.tokens.prompt, 12)} ${pad(call.tokens.completion, 12)} ${pad(other?.tokens.prompt ?? '-', 12)} ${pad(other?.tokens.completion ?? '-', 12)}`);
}
const total = (calls: readonly CallFinishedEvent[], key: 'prompt' | 'completion'): number => calls.reduce((sum, call) => sum + call.tokens[key], 0);
console.log(`${'total'.padEnd(10)} ${pad(total(full, 'prompt'), 12)} ${pad(total(full, 'completion'), 12)} ${pad(total(changes, 'prompt'), 12)} ${pad(total(changes, 'completion'), 12)}`);

const refines = changes.filter((call) => call.phase === 'refine').map((call) => call.tokens.completion);
const first = refines[0] ?? 0;
const last = refines.at(-1) ?? 0;
const ratio = total(changes, 'completion') / total(full, 'completion');
const targets = [
  { name: 'changes: last REFINE completion ≤ 1.2 × first', met: last <= 1.2 * first, figure: `${last} vs ${first} (${(last / first).toFixed(2)}×)` },
  { name: 'changes: run completion total ≤ ½ of full', met: ratio <= 0.5, figure: `${total(changes, 'completion')} vs ${total(full, 'completion')} (${(ratio * 100).toFixed(0)}%)` },
];
console.log('');
for (const target of targets) console.log(`${target.met ? '✓' : '✗'} ${target.name}: ${target.figure}`);
if (targets.some((target) => !target.met)) process.exitCode = 1;
