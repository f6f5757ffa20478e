import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createRunDirectoryName } from '@ndli/latent-core';
import { loadSpec } from '@ndli/ralph';
import { BenchPlanSchema, inPlanOrder, planSettings, settingLabel, type BenchPlan } from '../bench/bench-plan.js';
import { BenchStore } from '../bench/bench-store.js';
import { compareBenches, renderComparison } from '../bench/compare-benches.js';
import { runQueuedBench } from '../bench/queue/run-queued-bench.js';
import { runBench, type BenchProgress } from '../bench/run-bench.js';
import { summarize } from '../bench/summarize.js';
import { isInfrastructureError } from '../bench/trial-result.js';
import { lacksItsPassword, redisConnection, withoutPassword } from '../bench/queue/queue-connection.js';
import { EXIT } from '../cli-errors.js';
import { loadConfig } from '../config/load-config.js';
import { OrchestratorError } from '../errors.js';
import { htmlReport } from '../report/html-report.js';
import { markdownTable } from '../report/markdown-table.js';
import { specLookup } from '../run/specs-location.js';
import { flagsToConfig, type RunFlags } from './run-command.js';
import { acquireDirectoryLock } from '../run/directory-lock.js';
import { ndliCommand } from '../hints/ndli-command.js';

export interface BenchFlags extends Omit<RunFlags, 'model' | 'fix' | 'oneShot' | 'json' | 'candidates' | 'concurrency'> {
  /** Bench dimensions: comma-separated values. */
  candidates?: string;
  callConcurrency?: string;
  models?: string;
  specs?: string;
  modes: string;
  trials: number;
  concurrency: number;
  baseUrls?: string;
  id?: string;
  resume?: string;
  benchDir: string;
  /** Redis URL: trials run on `ndli worker`s through BullMQ instead of here. */
  queue?: string;
  /** With --queue: workers ship screenshots and traces too. */
  evidence?: boolean;
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/** `1,4` → [1, 4]; anything else is left for the plan's schema to refuse with its field named. */
function numbers(value: string): number[] {
  return list(value).map((item) => (/^\d+$/.test(item) ? Number(item) : Number.NaN));
}

async function newPlan(flags: BenchFlags, cwd: string): Promise<BenchPlan> {
  // `--concurrency` of a bench is trials at once per server, not the run's calls in flight (`--call-concurrency`).
  const { candidates, callConcurrency, concurrency: _trialsAtOnce, ...runFlags } = flags;
  // The figure researchers want: a trial whose visible tests pass and held-out ones fail ends `overfit`.
  const { config } = await loadConfig({ cwd, ...(flags.config ? { configPath: flags.config } : {}), overrides: flagsToConfig({ ...runFlags, heldOut: flags.heldOut ?? 'measure', fix: true }) });
  const models = list(flags.models);
  const specs = list(flags.specs);
  if (models.length === 0) throw new OrchestratorError('USAGE', 'No models given.', 'Pass --models a,b (e.g. --models lmstudio/qwen2.5-coder-7b-instruct,replay/demo).');
  if (specs.length === 0) throw new OrchestratorError('USAGE', 'No specs given.', 'Pass --specs calculator,todo.');
  // Unknown specs fail now, not an hour into the bench.
  for (const spec of specs) loadSpec(spec, specLookup(cwd, config.specsDir));
  const parsed = BenchPlanSchema.safeParse({
    kind: 'ndli-bench',
    version: 1,
    id: flags.id ?? createRunDirectoryName(new Date()).replace(/^run_/, 'bench_'),
    models,
    specs,
    modes: list(flags.modes),
    trials: flags.trials,
    concurrency: flags.concurrency,
    ...(candidates ? { candidates: numbers(candidates) } : {}),
    ...(callConcurrency ? { callConcurrency: numbers(callConcurrency) } : {}),
    baseUrls: list(flags.baseUrls),
    config,
    ...(flags.queue ? { queue: withoutPassword(flags.queue) } : {}),
    ...(flags.evidence ? { evidence: true } : {}),
    createdAt: new Date().toISOString(),
  });
  if (!parsed.success) {
    throw new OrchestratorError('USAGE', `Invalid bench options: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`, 'Modes are ndli, inner, one-shot; --trials, --concurrency, --candidates and --call-concurrency values are ≥ 1.');
  }
  return parsed.data;
}

/** `ndli bench`: every trial a full run; results stream to bench/<id>/results.jsonl; `--resume <id>` skips finished trials. */
export async function benchCommand(flags: BenchFlags): Promise<number> {
  const cwd = process.cwd();
  const benchRoot = resolve(cwd, flags.benchDir);
  let store: BenchStore;
  let plan: BenchPlan;
  // A bad queue URL fails before a bench directory is made.
  if (flags.queue) redisConnection(flags.queue);
  if (flags.resume) {
    store = BenchStore.open(join(benchRoot, flags.resume));
    plan = store.readPlan();
  } else {
    plan = await newPlan(flags, cwd);
    store = BenchStore.create(join(benchRoot, plan.id), plan);
  }
  // One coordinator per bench directory: a second `--resume` of a live bench would record every trial twice.
  const lock = acquireDirectoryLock(store.directory, { kind: 'bench', command: 'ndli bench' });
  if (lock.takenOverFrom) process.stdout.write(`⚠  took over the lock of pid ${lock.takenOverFrom.pid} (started ${lock.takenOverFrom.startedAt}), which is gone\n`);
  const controller = new AbortController();
  const onSigint = () => (controller.signal.aborted ? process.exit(EXIT.interrupted) : controller.abort('interrupted'));
  process.on('SIGINT', onSigint);
  process.stdout.write(`📊 Bench ${plan.id}: ${plan.models.join(', ')} × ${plan.specs.join(', ')} × ${plan.modes.join(', ')}${planSettings(plan)[0] ? ` × ${planSettings(plan).map(settingLabel).join(' | ')}` : ''} × ${plan.trials} trial(s) → ${relative(cwd, store.directory)}\n`);
  if (plan.models.some((model) => model.startsWith('replay/'))) process.stdout.write('   (replay models are SCRIPTED: recorded answers, no model involved)\n');
  try {
    const onTrialEnd = ({ result, done, total }: BenchProgress) => {
      const rounds = result.rounds.map((round) => `${round.passed}/${round.total}`).join(' → ') || 'not judged';
      const cause = result.errorCause ? ` — ${result.errorCause} error, not counted; --resume reruns it` : '';
      process.stdout.write(`  [${done}/${total}] ${result.model} · ${result.spec} · ${result.mode}${result.setting ? ` · ${settingLabel(result.setting)}` : ''} · trial ${result.trial} → ${result.status} (${result.endReason}; ${rounds}; ${result.tokens.prompt + result.tokens.completion} tokens; ${(result.durationMs / 1000).toFixed(1)} s)${cause}\n`);
    };
    const queueUrl = flags.queue ?? plan.queue;
    if (queueUrl && lacksItsPassword(queueUrl)) {
      throw new OrchestratorError('USAGE', `bench.json keeps the queue URL without its password (${queueUrl}).`, `Resume with the full URL: ${ndliCommand(`bench --resume ${plan.id} --queue redis://…:<password>@…`)}`);
    }
    if (queueUrl) process.stdout.write(`   trials go to the queue at ${withoutPassword(queueUrl)}: start workers with \`${ndliCommand(`worker --queue ${withoutPassword(queueUrl)}`)}\`\n`);
    const outcome = queueUrl
      ? await runQueuedBench({ store, plan, queueUrl, evidence: plan.evidence ?? false, signal: controller.signal, onTrialEnd })
      : await runBench({ cwd, store, plan, signal: controller.signal, onTrialEnd });
    process.stdout.write(`\n${markdownTable(outcome.summary)}\n\n`);
    const errors = outcome.results.filter(isInfrastructureError).length;
    if (errors > 0) process.stdout.write(`⚠  ${errors} trial(s) ended with an infrastructure error (model server, judge, crash): left out of the figures. Rerun them with: ${ndliCommand(`bench --resume ${plan.id}`)}\n`);
    if (outcome.remaining > 0) {
      process.stdout.write(`⏹  ${outcome.remaining} trial(s) not finished. Continue with: ${ndliCommand(`bench --resume ${plan.id}`)}\n`);
      return EXIT.interrupted;
    }
    process.stdout.write(`Results: ${relative(cwd, join(store.directory, 'results.jsonl'))} · report: ${ndliCommand(`report ${relative(cwd, store.directory)}`)}\n`);
    return EXIT.passed;
  } finally {
    process.off('SIGINT', onSigint);
    lock.release();
  }
}

/** `ndli report <bench-dir>`: report.html (self-contained) and report.md beside the results. */
export async function reportCommand(benchDirectory: string): Promise<number> {
  const store = BenchStore.open(resolve(benchDirectory));
  const plan = store.readPlan();
  const results = inPlanOrder(plan, store.readResults());
  const groups = summarize(results);
  const htmlPath = join(store.directory, 'report.html');
  const markdownPath = join(store.directory, 'report.md');
  writeFileSync(htmlPath, htmlReport(plan, groups, results));
  writeFileSync(markdownPath, `${markdownTable(groups)}\n`);
  process.stdout.write(`${markdownTable(groups)}\n\nReport: ${htmlPath}\nMarkdown: ${markdownPath}\n`);
  return EXIT.passed;
}

export interface CompareFlags {
  threshold: number;
  alpha: number;
  allowMissing?: boolean;
  json?: boolean;
}

/**
 * `ndli compare <a> <b>`: what changed per model × spec × mode. Exit 1 on a regression (a drop beyond
 * the threshold, significant at alpha) or on a group not judged in both benches, unless `--allow-missing`.
 */
export async function compareCommand(before: string, after: string, flags: CompareFlags): Promise<number> {
  if (!(flags.alpha > 0 && flags.alpha < 1)) throw new OrchestratorError('USAGE', `--alpha must lie strictly between 0 and 1, got ${flags.alpha}.`, 'The usual significance level is --alpha 0.05.');
  const a = summarize(BenchStore.open(resolve(before)).readResults());
  const b = summarize(BenchStore.open(resolve(after)).readResults());
  const policy = { threshold: flags.threshold, alpha: flags.alpha, allowMissing: flags.allowMissing ?? false };
  const outcome = compareBenches(a, b, policy);
  process.stdout.write(`${flags.json ? JSON.stringify(outcome, null, 2) : renderComparison(outcome, policy)}\n`);
  return outcome.regressions > 0 || (outcome.missing > 0 && !policy.allowMissing) ? EXIT.failed : EXIT.passed;
}
