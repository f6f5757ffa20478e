// `pnpm bench:ralph [--spec calculator] [--artifact path] [--runs 5] [--workers N]`: how long judging one artifact
// takes. Prints the median wall time of a ralph verdict (what `ndli test` and every orchestrator round pay) beside a
// plain cold `playwright test` of the same specs, with the time per test and what the machine is.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cpus } from 'node:os';
import { execa } from 'execa';
import { findSpecsDirectory, loadSpec, resolveBrowser, runSpecs, type SpecFolder, type Verdict } from '../index.js';

const { values } = parseArgs({
  // pnpm forwards a literal `--` before script arguments.
  args: process.argv.slice(2).filter((argument) => argument !== '--'),
  options: { spec: { type: 'string' }, artifact: { type: 'string' }, runs: { type: 'string', default: '5' }, workers: { type: 'string' } },
});
const runs = Math.max(1, Number(values.runs));
const workers = values.workers ? Number(values.workers) : undefined;

function pickSpec(): SpecFolder {
  if (values.spec) return loadSpec(values.spec);
  try {
    return loadSpec('calculator', { specsDirectory: findSpecsDirectory() });
  } catch {
    return loadSpec(fileURLToPath(new URL('../test-fixtures/specs/counter', import.meta.url)));
  }
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function time<T>(action: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await action();
  return { ms: performance.now() - started, value };
}

function summary(label: string, samples: number[], verdict?: Verdict): string {
  const counts = verdict ? `  (${verdict.passed}/${verdict.total} passed)` : '';
  return `${label.padEnd(34)} median ${(median(samples) / 1000).toFixed(2)} s  [${samples.map((ms) => (ms / 1000).toFixed(2)).join(', ')}]${counts}`;
}

const spec = pickSpec();
const artifact = values.artifact ?? spec.referencePath;
const browser = resolveBrowser();
console.log(`spec ${spec.name} (${spec.testsDirectory}), artifact ${artifact}`);
console.log(`browser ${browser.executablePath} (${browser.source}), ${runs} runs each\n`);

const verdictTimes: number[] = [];
let lastVerdict: Verdict | undefined;
for (let run = 0; run < runs; run += 1) {
  const { ms, value } = await time(() => runSpecs({ spec, artifact, ...(workers ? { workers } : {}) }));
  verdictTimes.push(ms);
  lastVerdict = value;
}
console.log(summary('ralph verdict (runSpecs)', verdictTimes, lastVerdict));

// The baseline: `playwright test` by hand with specs/playwright.config.ts (list reporter, fresh context per test, no trace).
const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('@playwright/test/package.json')), 'cli.js');
const specsDirectory = dirname(spec.directory);
const plain: number[] = [];
const plainConfig = join(specsDirectory, 'playwright.config.ts');
for (let run = 0; run < (existsSync(plainConfig) ? runs : 0); run += 1) {
  const { ms } = await time(() =>
    execa(process.execPath, [cli, 'test', '-c', plainConfig, ...(workers ? [`--workers=${workers}`] : [])], {
      cwd: specsDirectory,
      env: { NDLI_SPEC: spec.name, NDLI_ARTIFACT: artifact, NODE_OPTIONS: '--conditions=@ndli/source', CHROMIUM_PATH: browser.executablePath },
      reject: false,
    }),
  );
  plain.push(ms);
}
console.log(plain.length > 0 ? summary('plain cold `playwright test`', plain) : `plain cold \`playwright test\`: no ${plainConfig}, skipped`);
if (lastVerdict) {
  const perTest = median(verdictTimes) / Math.max(1, lastVerdict.total);
  console.log(`\n${lastVerdict.total} tests: ${perTest.toFixed(0)} ms of wall time per test (${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'})`);
}
