import { Command, InvalidArgumentError, Option } from 'commander';
import type { BenchFlags, CompareFlags } from './commands/bench-command.js';
import type { RunFlags } from './commands/run-command.js';
import type { SpecCheckFlags, SpecImportFlags } from './commands/spec-command.js';
import type { ViewFlags } from './commands/view-command.js';
import type { WorkerFlags } from './commands/worker-command.js';
import { NDLI_VERSION } from './run/environment.js';

/**
 * Each command's module, loaded when that command runs: `ndli test` then loads Ralph alone, not the model
 * providers, the bench queue and the viewer (~0.6 s of every cold verdict, which every bench trial pays).
 */
const commands = {
  bench: () => import('./commands/bench-command.js'),
  inspect: () => import('./commands/inspect-command.js'),
  models: () => import('./commands/models-command.js'),
  run: () => import('./commands/run-command.js'),
  spec: () => import('./commands/spec-command.js'),
  test: () => import('./commands/test-command.js'),
  view: () => import('./commands/view-command.js'),
  worker: () => import('./commands/worker-command.js'),
};

function integer(name: string): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError(`${name} must be a whole number ≥ 0, got "${value}".`);
    return parsed;
  };
}

function mutantCount(value: string): number | 'all' {
  if (value === 'all') return 'all';
  return integer('--max-mutants')(value);
}

function decimal(name: string): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < 0) throw new InvalidArgumentError(`${name} must be a number ≥ 0, got "${value}".`);
    return parsed;
  };
}

/** Builds the `ndli` program. Each action resolves to an exit code (see EXIT). */
export function createProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('ndli')
    .description('Nested Dual-Loop Inference: verified code generation with local LLMs')
    .version(NDLI_VERSION)
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('run')
    .description('generate an app with the inner loop, judge it with Ralph, FIX until green or a budget ends')
    .argument('<spec>', 'target app (a folder under specs/, e.g. calculator)')
    .option('-m, --model <model>', 'e.g. local/qwen2.5-coder-7b, lmstudio/qwen2.5-coder-7b-instruct, ollama/qwen2.5-coder:7b, replay/demo (default: the config\'s, else the first that answers)')
    .option('-c, --config <file>', 'config file (default: ./ndli.config.{ts,json} if present)')
    .option('--base-url <url>', 'model server URL')
    .option('--temperature <t>', 'sampling temperature', decimal('--temperature'))
    .option('--max-tokens <n>', 'max completion tokens per call', integer('--max-tokens'))
    .option('--seed <n>', 'sampling seed', integer('--seed'))
    .option('--max-refinements <n>', 'REFINE iterations per inner loop (0: INIT then GENERATE)', integer('--max-refinements'))
    .option('--min-solve <n>', 'tasks the model should solve per REFINE', integer('--min-solve'))
    .addOption(new Option('--refine-output <mode>', 'REFINE answers: only changed tasks, or the full state (the seed)').choices(['changes', 'full']))
    .option('--max-rounds <n>', 'generate→test rounds, FIX rounds included', integer('--max-rounds'))
    .option('--max-restarts <n>', 'fresh starts (new INIT, failing behaviours as pitfalls) after stagnation before ending stalled (default 1)', integer('--max-restarts'))
    .option('--max-total-tokens <n>', 'token budget for the whole run (checked call by call)', integer('--max-total-tokens'))
    .option('--max-minutes <n>', 'wall-time budget for the whole run', decimal('--max-minutes'))
    .option('--candidates <n>', 'artifacts per round, all judged; the best by visible tests passed is kept (default 1)', integer('--candidates'))
    .addOption(new Option('--candidate-scope <scope>', 'generate: N GENERATE calls from the round\'s final state; loop: N independent inner loops').choices(['generate', 'loop']))
    .option('--concurrency <n>', 'model calls in flight against the server (default 1)', integer('--concurrency'))
    .addOption(new Option('--held-out <mode>', "visible tests green, held-out ones failing: reveal them as FIX blockers (default), or measure: end the run `overfit`").choices(['measure', 'reveal']))
    .option('-o, --output <dir>', 'output directory (default: output)')
    .option('--specs-dir <dir>', 'folder of spec folders (default: ./specs)')
    .option('--browser <path>', 'Chromium executable for Ralph')
    .option('--no-fix', 'inner loop only: judge once, no FIX rounds (ablation)')
    .option('--one-shot', 'a single direct GENERATE call, no inner loop, then Ralph (ablation baseline)')
    .option('--no-record', 'do not record a replayable transcript of the model calls')
    .option('--json', 'print events as JSON lines')
    .action(async (spec: string, flags: RunFlags) => setExitCode(await (await commands.run()).runCommand(spec, flags)));

  program
    .command('resume')
    .description('continue an interrupted or failed-with-error run from its last complete step')
    .argument('<run-dir>', 'e.g. output/run_20260131_143022')
    .option('--json', 'print events as JSON lines')
    .action(async (runDirectory: string, flags: { json?: boolean }) => setExitCode(await (await commands.run()).resumeCommand(runDirectory, flags)));

  program
    .command('test')
    .description('judge an HTML file against a spec with Ralph (exit 0 only when every test passes)')
    .argument('<spec>', 'target app, e.g. calculator')
    .argument('<artifact>', 'the HTML file to judge')
    .option('--json', 'print the verdict as JSON')
    .option('--browser <path>', 'Chromium executable')
    .option('--specs-dir <dir>', 'folder of spec folders')
    .option('--evidence <dir>', 'keep verdict.json, screenshots and traces here')
    .option('--workers <n>', 'Playwright workers (default 2, or 1 on a single core)', integer('--workers'))
    .action(async (spec: string, artifact: string, flags: { json?: boolean; browser?: string; specsDir?: string; evidence?: string; workers?: number }) =>
      setExitCode(await (await commands.test()).testCommand(spec, artifact, flags)),
    );

  const spec = program.command('spec').description('make and check your own spec folders (target apps)');
  spec
    .command('new')
    .description('scaffold a spec folder: spec.json, task.md, a starter Playwright spec, a reference, bugs/, variants/')
    .argument('<name>', 'kebab-case name, e.g. kanban')
    .option('--dir <folder>', 'where the spec folder goes', 'specs')
    .option('--plain', "the tests as a plain Playwright suite (import from '@playwright/test', page.goto('/'))")
    .action(async (name: string, flags: { dir: string; plain?: boolean }) => setExitCode((await commands.spec()).specNewCommand(name, flags)));
  spec
    .command('import')
    .description('make a spec folder from a folder of Playwright tests: copies them, rewrites a hard-coded start URL to /')
    .argument('<dir>', 'the folder of Playwright test files')
    .option('--task <file>', 'the task description (what to build, the DOM contract): becomes task.md')
    .option('--reference <html>', 'a correct app (one HTML file): becomes the reference')
    .option('--name <name>', 'the spec name (default: from the folder name)')
    .option('--dir <folder>', 'where the spec folder goes', 'specs')
    .action(async (dir: string, flags: SpecImportFlags) => setExitCode((await commands.spec()).specImportCommand(dir, flags)));
  spec
    .command('check')
    .description('verify a spec folder (reference, variants, seeded bugs, titles) and measure its mutation score')
    .argument('<spec>', 'a spec name or a path to a spec folder')
    .option('--json', 'print the report as JSON')
    .option('--max-mutants <n>', 'mutants to test, a seeded sample (a number, or "all")', mutantCount, 100)
    .option('--seed <n>', 'seed of the mutant sample', integer('--seed'), 1)
    .option('--min-score <x>', 'lowest acceptable mutation score (0.9 or 90)', decimal('--min-score'), 0)
    .option('--workers <n>', 'Playwright workers', integer('--workers'))
    .option('--repeat <n>', 'run the reference and each variant n times; a test whose outcome changes is flaky (a spec defect)', integer('--repeat'), 1)
    .option('--specs-dir <dir>', 'folder of spec folders')
    .option('--browser <path>', 'Chromium executable')
    .action(async (name: string, flags: SpecCheckFlags) => setExitCode(await (await commands.spec()).specCheckCommand(name, flags)));

  const models = program
    .command('models')
    .description('list downloaded local models and the models running servers offer')
    .addOption(new Option('--provider <provider>', 'server kind').choices(['lmstudio', 'ollama', 'llamacpp', 'vllm', 'lmstudio-openai', 'openai-compatible']))
    .option('--base-url <url>', 'server URL')
    .option('-c, --config <file>', 'config file')
    .option('--json', 'print as JSON')
    .action(async (flags: { provider?: string; baseUrl?: string; config?: string; json?: boolean }) => setExitCode(await (await commands.models()).modelsCommand(flags)));
  models
    .command('pull')
    .description('download a local model (resumable) into the models folder (NDLI_MODELS_DIR)')
    .argument('<model>', 'an alias (qwen2.5-coder-7b, qwen2.5-coder-1.5b), hf:<user>/<repo>:<quant>, or an https:// URL of a .gguf')
    .option('--force', 'download even when the model looks too large for this machine')
    .action(async (model: string, flags: { force?: boolean }) => setExitCode(await (await commands.models()).modelsPullCommand(model, flags)));

  program
    .command('inspect')
    .description('timeline of a run: each call, its state counts, tokens, time, retries; tests fixed and broken per round')
    .argument('<run-dir>', 'a run directory')
    .option('--json', 'print as JSON')
    .action(async (runDirectory: string, flags: { json?: boolean }) => setExitCode(await (await commands.inspect()).inspectCommand(runDirectory, flags)));

  program
    .command('bench')
    .description('benchmark models across specs: every trial a full run, results streamed to bench/<id>/results.jsonl')
    .option('--models <list>', 'comma-separated model strings')
    .option('--specs <list>', 'comma-separated spec names')
    .option('--modes <list>', 'comma-separated: ndli (both loops), inner (no FIX), one-shot', 'ndli')
    .option('--trials <n>', 'trials per model × spec × mode', integer('--trials'), 5)
    .option('--concurrency <n>', 'trials at once per server (what the server can run in parallel)', integer('--concurrency'), 1)
    .option('--base-urls <list>', 'comma-separated servers to spread trials over')
    .option('--id <id>', 'bench id (default bench_YYYYMMDD_HHMMSS)')
    .option('--resume <id>', 'continue a killed bench; finished trials are not redone')
    .option('--bench-dir <dir>', 'where benches live', 'bench')
    .option('--queue <redis-url>', 'run the trials on `ndli worker`s through BullMQ, e.g. redis://host:6379')
    .option('--evidence', 'with --queue: workers ship Ralph\'s screenshots and traces too (large)')
    .option('-c, --config <file>', 'config file')
    .option('--max-rounds <n>', 'rounds per trial', integer('--max-rounds'))
    .option('--max-restarts <n>', 'fresh starts per trial after stagnation before it ends stalled (default 1)', integer('--max-restarts'))
    .option('--max-refinements <n>', 'REFINE iterations per inner loop', integer('--max-refinements'))
    .addOption(new Option('--refine-output <mode>', 'REFINE answers: only changed tasks, or the full state (the seed); compare two benches to measure it').choices(['changes', 'full']))
    .option('--max-tokens <n>', 'max completion tokens per call', integer('--max-tokens'))
    .option('--temperature <t>', 'sampling temperature', decimal('--temperature'))
    .option('--max-total-tokens <n>', 'token budget per trial', integer('--max-total-tokens'))
    .option('--candidates <list>', 'a bench dimension: artifacts per round, e.g. 1,4 (a group per value)')
    .addOption(new Option('--candidate-scope <scope>', 'generate: N GENERATE calls from the round\'s final state; loop: N independent inner loops').choices(['generate', 'loop']))
    .option('--call-concurrency <list>', 'a bench dimension: model calls in flight per trial, e.g. 1,4 (a group per value)')
    .addOption(new Option('--held-out <mode>', 'visible tests green, held-out ones failing: measure (default here: the trial ends overfit) or reveal').choices(['measure', 'reveal']))
    .option('--max-minutes <n>', 'wall-time budget per trial', decimal('--max-minutes'))
    .option('--specs-dir <dir>', 'folder of spec folders')
    .action(async (flags: BenchFlags) => setExitCode(await (await commands.bench()).benchCommand({ ...flags, record: true })));

  program
    .command('worker')
    .description('take bench trials from a queue and run them here, as a local bench does, until stopped')
    .option('--queue <redis-url>', 'the Redis of the bench, e.g. redis://host:6379')
    .option('--concurrency <n>', 'trials at once on this machine', integer('--concurrency'), 1)
    .option('--base-url <url>', 'the model server this worker uses (default: the one the bench assigned)')
    .action(async (flags: WorkerFlags) => setExitCode(await (await commands.worker()).workerCommand(flags)));

  program
    .command('report')
    .description('write a self-contained HTML report (and a Markdown table) of a bench')
    .argument('<bench-dir>', 'e.g. bench/bench_20261125_101500')
    .action(async (benchDirectory: string) => setExitCode(await (await commands.bench()).reportCommand(benchDirectory)));

  program
    .command('compare')
    .description('what changed between two benches per model × spec × mode; exit 1 on a significant regression or a missing group')
    .argument('<bench-a>', 'the baseline bench directory')
    .argument('<bench-b>', 'the new bench directory')
    .option('--threshold <share>', 'largest tolerated drop of the pass rate (0.1 = 10 points)', decimal('--threshold'), 0.1)
    .option('--alpha <level>', 'a drop is a regression only when significant at this level (one-sided Fisher exact test)', decimal('--alpha'), 0.05)
    .option('--allow-missing', 'do not fail when a group is judged in only one bench')
    .option('--json', 'print as JSON')
    .action(async (a: string, b: string, flags: CompareFlags) => setExitCode(await (await commands.bench()).compareCommand(a, b, flags)));

  program
    .command('view')
    .description('a local web viewer of runs and benches (states over time, calls, verdicts, the live artifact)')
    .argument('[paths...]', 'run or bench directories, or folders holding them (default: ./output and ./bench)')
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', integer('--port'), 5177)
    .option('--open', 'open the viewer in a browser')
    .option('--export <dir>', 'write a static copy that opens without a server, then exit')
    .action(async (paths: string[], flags: ViewFlags) => setExitCode(await (await commands.view()).viewCommand(paths, flags)));

  return program;
}
