// `pnpm bench:ralph [-- --spec calculator] [--runs 5] [--buggy path.html]`: how long a verdict takes.
// Prints, in one run, the cold CLI verdict (`ndli test <spec> <file> --json` in a new process: what a person and
// every bench trial pay) on the reference and on a buggy app failing many tests, with the current judge and with
// the previous behaviour (NDLI_JUDGE_BEHAVIOUR=previous: a context per test, every test traced, no re-run): the
// median of N runs, the wall time per test, and the CPU seconds of the judge's processes (Linux /proc). Then the
// reference made noisy (an error logged on every animation frame; 1,000 errors/s) and flooded (50 errors and an
// uncaught error per 1 ms tick): correct behaviour, so they must pass, in about the time of the quiet reference.
// Then a plain @playwright/test suite against the same tests written for the `app` fixture (suite-pair.ts): the
// plain suite's cost (target ≤ 1.3×). `--only plain` runs just that comparison.
// Last, the floor under the reference's verdict (playwright-floor.ts): its loads and clicks through Playwright's
// library alone, no runner and no fixture, in as many browsers as the judge has workers.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import { resolveBrowser } from '../browser.js';
import { JUDGE_BEHAVIOUR_ENV, type JudgeBehaviour } from '../judge-profile.js';
import { findSpecsDirectory, loadSpec } from '../spec-folder/spec-folder.js';
import { median } from './median.js';
import { childCpuSeconds } from './child-cpu.js';
import { measureFloor, readReplayedTests, type FloorSample } from './playwright-floor.js';
import { defaultJudgeWorkers } from '../judge-options.js';
import { writeSuitePair } from './suite-pair.js';

const { values } = parseArgs({
  // pnpm forwards a literal `--` before script arguments.
  args: process.argv.slice(2).filter((argument) => argument !== '--'),
  options: { spec: { type: 'string', default: 'calculator' }, runs: { type: 'string', default: '5' }, buggy: { type: 'string' }, only: { type: 'string' }, 'pair-tests': { type: 'string', default: '60' } },
});
const runs = Math.max(1, Number(values.runs));
const specsDirectory = findSpecsDirectory();
const spec = loadSpec(values.spec, { specsDirectory });
const repository = dirname(specsDirectory);
const cli = join(repository, 'apps', 'orchestrator', 'src', 'bin.ts');
if (!existsSync(cli)) throw new Error(`The ndli CLI is not at ${cli}: run the bench inside the repository.`);

/**
 * A buggy app failing many tests: the reference with `+` and `*` off by one. Every test that adds or multiplies
 * fails (about half the calculator suite), each waiting out its expect timeout, as a weak model's app does.
 */
function buggyArtifact(): string {
  if (values.buggy) return values.buggy;
  const reference = readFileSync(spec.referencePath, 'utf8');
  const broken = reference.replace("case '+': return a + b;", "case '+': return a + b + 1;").replace("case '*': return a * b;", "case '*': return a * b + 1;");
  if (broken === reference) throw new Error(`Cannot seed the bench's bug into ${spec.referencePath}; pass --buggy <file>.`);
  const path = join(mkdtempSync(join(tmpdir(), 'ndli-bench-buggy-')), spec.artifactFileName);
  writeFileSync(path, broken);
  return path;
}

/** The reference with a script added before `</body>` that logs without end: correct behaviour, noisy console. */
function noisyArtifact(name: string, script: string): string {
  const reference = readFileSync(spec.referencePath, 'utf8');
  const noisy = reference.replace('</body>', `<script>${script}</script>\n</body>`);
  if (noisy === reference) throw new Error(`Cannot add the bench's noise to ${spec.referencePath}: no </body>.`);
  const path = join(mkdtempSync(join(tmpdir(), `ndli-bench-${name}-`)), spec.artifactFileName);
  writeFileSync(path, noisy);
  return path;
}

const NOISE = {
  'error per frame': `(function frame(n) { console.error('frame ' + n + ' failed'); requestAnimationFrame(() => frame(n + 1)); })(0);`,
  '1,000 errors/s': `let n = 0; setInterval(() => console.error('tick ' + (n += 1) + ' failed'), 1);`,
  flood: `let n = 0; setInterval(() => { n += 1; for (let i = 0; i < 50; i += 1) console.error('render failed at tick ' + n); throw new Error('tick ' + n + ' failed'); }, 1);`,
} as const;

interface Sample {
  ms: number;
  cpuSeconds: number;
  total: number;
  passed: number;
  failed: number;
}

async function coldVerdict(artifact: string, behaviour: JudgeBehaviour, evidence?: string, specName = spec.name): Promise<Sample> {
  const cpuBefore = childCpuSeconds();
  const started = performance.now();
  const result = await execa(process.execPath, ['--conditions=@ndli/source', '--import', 'tsx', cli, 'test', specName, artifact, '--json', ...(evidence ? ['--evidence', evidence] : [])], {
    cwd: repository,
    env: { [JUDGE_BEHAVIOUR_ENV]: behaviour },
    reject: false,
  });
  const ms = performance.now() - started;
  const summary = JSON.parse(String(result.stdout)) as { total: number; passed: number; failed: number };
  return { ms, cpuSeconds: childCpuSeconds() - cpuBefore, total: summary.total, passed: summary.passed, failed: summary.failed };
}

function line(label: string, samples: Sample[]): string {
  const wall = median(samples.map((sample) => sample.ms));
  const cpu = median(samples.map((sample) => sample.cpuSeconds));
  const last = samples.at(-1);
  const counts = last ? `${last.passed}/${last.total} passed, ${last.failed} failed` : '';
  const perTest = last ? (wall / Math.max(1, last.total)).toFixed(0) : '?';
  return `${label.padEnd(30)} median ${(wall / 1000).toFixed(2)} s  [${samples.map((sample) => (sample.ms / 1000).toFixed(1)).join(', ')}]  ${perTest} ms/test  CPU ${cpu.toFixed(1)} s  (${counts})`;
}

const browser = resolveBrowser();

/** The plain suite against the same tests on the `app` fixture, interleaved: the ratio of their median verdicts. */
async function plainSuiteComparison(): Promise<void> {
  const pair = writeSuitePair(Math.max(1, Number(values['pair-tests'])));
  const samples: Record<string, Sample[]> = { 'app fixture (same tests)': [], 'plain @playwright/test': [] };
  for (let run = 0; run < runs; run += 1) {
    samples['app fixture (same tests)']?.push(await coldVerdict(pair.artifact, 'current', undefined, pair.appFixture));
    samples['plain @playwright/test']?.push(await coldVerdict(pair.artifact, 'current', undefined, pair.plain));
  }
  console.log(`\nplain suite vs app fixture: ${values['pair-tests']} tests each (suite-pair.ts), spec folders outside the repository`);
  for (const [label, list] of Object.entries(samples)) console.log(line(label, list));
  const ratio = median((samples['plain @playwright/test'] ?? []).map((sample) => sample.ms)) / median((samples['app fixture (same tests)'] ?? []).map((sample) => sample.ms));
  const cpu = (label: string): number => median((samples[label] ?? []).map((sample) => sample.cpuSeconds));
  console.log(`plain / app fixture = ${ratio.toFixed(2)} wall, ${(cpu('plain @playwright/test') / cpu('app fixture (same tests)')).toFixed(2)} CPU (target ≤ 1.3)`);
}

if (values.only === 'plain') {
  console.log(`browser ${browser.executablePath} (${browser.source}); ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}); ${runs} cold CLI runs each, interleaved`);
  await plainSuiteComparison();
  process.exit(0);
}

const buggy = buggyArtifact();
console.log(`spec ${spec.name}; browser ${browser.executablePath} (${browser.source}); ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}); ${runs} cold CLI runs each, interleaved`);
console.log(`reference ${spec.referencePath}\nbuggy     ${buggy}\n`);

const noisy = Object.entries(NOISE).map(([label, script]) => ({ label: `${label} · current`, artifact: noisyArtifact(label.replace(/\W+/g, '-'), script) }));
const results: Record<string, Sample[]> = { 'reference · current': [], 'reference · previous': [], 'buggy · current': [], 'buggy · previous': [] };
for (const { label } of noisy) results[label] = [];
// The first reference verdict keeps its evidence: the floor replays what each of its tests did.
const referenceEvidence = mkdtempSync(join(tmpdir(), 'ndli-bench-evidence-'));
// Interleaved, so a change in the machine's load during the bench hits both behaviours alike.
for (let run = 0; run < runs; run += 1) {
  for (const behaviour of ['current', 'previous'] as const) {
    results[`reference · ${behaviour}`]?.push(await coldVerdict(spec.referencePath, behaviour, run === 0 && behaviour === 'current' ? referenceEvidence : undefined));
    results[`buggy · ${behaviour}`]?.push(await coldVerdict(buggy, behaviour));
  }
  for (const { label, artifact } of noisy) results[label]?.push(await coldVerdict(artifact, 'current'));
}
for (const [label, samples] of Object.entries(results)) console.log(line(label, samples));

const wall = (label: string): number => median((results[label] ?? []).map((sample) => sample.ms));
console.log(`\nreference: current / previous = ${(wall('reference · current') / wall('reference · previous')).toFixed(2)} (target ≤ 0.42; ≤ 8 s cold)`);
console.log(`buggy / reference (current) = ${(wall('buggy · current') / wall('reference · current')).toFixed(2)} (target ≤ 2)`);
for (const { label } of noisy) {
  const failed = (results[label] ?? []).some((sample) => sample.failed > 0);
  console.log(`${label.replace(' · current', '')} / quiet reference = ${(wall(label) / wall('reference · current')).toFixed(2)} (target ≤ 1.3${label.startsWith('flood') ? ' for the noisy ones; a flood: a clear verdict' : ''})${failed ? ' — some tests FAILED on this correct app' : ''}`);
}

await plainSuiteComparison();

// The floor: the reference verdict's loads and inputs with Playwright alone (median of N, after the verdicts).
const replayed = readReplayedTests(referenceEvidence);
// As many browsers as the judge has workers by default (the verdicts above ran with that many).
const floorWorkers = defaultJudgeWorkers();
const floor: FloorSample[] = [];
for (let run = 0; run < runs; run += 1) floor.push(await measureFloor({ executablePath: browser.executablePath, artifact: spec.referencePath, tests: replayed.tests, workers: floorWorkers }));
const floorMs = median(floor.map((sample) => sample.ms));
const clicks = replayed.tests.reduce((sum, test) => sum + test.clicks.length, 0);
const keys = replayed.tests.reduce((sum, test) => sum + test.keys.length, 0);
console.log(
  `\nfloor: ${replayed.tests.length} loads, ${clicks} clicks, ${keys} key presses and ${replayed.tests.length} display reads with Playwright alone (no runner, no fixture; ${replayed.skipped} other actions not replayed), ${floorWorkers} browsers:` +
    ` median ${(floorMs / 1000).toFixed(2)} s  [${floor.map((sample) => (sample.ms / 1000).toFixed(1)).join(', ')}]  CPU ${median(floor.map((sample) => sample.cpuSeconds)).toFixed(1)} s` +
    ` — the reference verdict takes ${((wall('reference · current') - floorMs) / 1000).toFixed(2)} s more (the CLI, Playwright's runner and workers starting, the fixture, the evidence)`,
);
