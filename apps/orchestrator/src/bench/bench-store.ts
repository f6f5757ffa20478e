import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OrchestratorError } from '../errors.js';
import { writeJsonAtomic } from '../run/run-store.js';
import { BenchPlanSchema, type BenchPlan } from './bench-plan.js';
import { TrialResultSchema, trialKey, type TrialResult } from './trial-result.js';

export const BENCH_PLAN_FILE = 'bench.json';
export const RESULTS_FILE = 'results.jsonl';
export const SUMMARY_FILE = 'summary.json';

function benchError(message: string, hint?: string): OrchestratorError {
  return new OrchestratorError('BENCH_INVALID', message, hint);
}

/** The files of one bench: plan, streamed results, summary, and a run directory per trial under runs/. */
export class BenchStore {
  constructor(readonly directory: string) {}

  static create(directory: string, plan: BenchPlan): BenchStore {
    if (existsSync(join(directory, BENCH_PLAN_FILE))) {
      throw benchError(`A bench already exists at ${directory}.`, `Continue it with --resume ${plan.id}, or choose another --id.`);
    }
    mkdirSync(join(directory, 'runs'), { recursive: true });
    writeJsonAtomic(join(directory, BENCH_PLAN_FILE), plan);
    return new BenchStore(directory);
  }

  static open(directory: string): BenchStore {
    if (!existsSync(join(directory, BENCH_PLAN_FILE))) throw benchError(`No bench at ${directory} (no ${BENCH_PLAN_FILE}).`, 'Benches live in bench/<id>/; pass the id given when it started.');
    return new BenchStore(directory);
  }

  readPlan(): BenchPlan {
    const parsed = BenchPlanSchema.safeParse(JSON.parse(readFileSync(join(this.directory, BENCH_PLAN_FILE), 'utf8')));
    if (!parsed.success) throw benchError(`${BENCH_PLAN_FILE} in ${this.directory} is invalid: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    return parsed.data;
  }

  /**
   * Finished trials, the latest line of each (a trial rerun after an infrastructure error has two;
   * the first stays in the file as the record of what went wrong). A line cut short by a kill (the
   * last one) is ignored: that trial runs again.
   */
  readResults(): TrialResult[] {
    const latest = new Map(this.readAllResults().map((result) => [trialKey(result), result]));
    return [...latest.values()];
  }

  /** Every result line in the order written, reruns included. */
  readAllResults(): TrialResult[] {
    const path = join(this.directory, RESULTS_FILE);
    if (!existsSync(path)) return [];
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .flatMap((line) => {
        try {
          const parsed = TrialResultSchema.safeParse(JSON.parse(line));
          return parsed.success ? [parsed.data] : [];
        } catch {
          return [];
        }
      });
  }

  /** One line per trial, appended as it ends: a killed bench keeps every finished trial. */
  appendResult(result: TrialResult): void {
    const path = join(this.directory, RESULTS_FILE);
    // After a kill mid-write the file may end in half a line: start on a fresh line so only that half is lost.
    const needsNewline = existsSync(path) && !readFileSync(path, 'utf8').endsWith('\n') && readFileSync(path, 'utf8').length > 0;
    appendFileSync(path, `${needsNewline ? '\n' : ''}${JSON.stringify(result)}\n`);
  }

  runDirectory(name: string): string {
    return join(this.directory, 'runs', name);
  }

  writeSummary(summary: unknown): void {
    writeJsonAtomic(join(this.directory, SUMMARY_FILE), summary);
  }
}
