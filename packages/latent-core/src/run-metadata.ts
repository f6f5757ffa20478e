import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { LANGUAGE_MODEL_INTERFACE_VERSION } from '@ndli/models';
import { z } from 'zod';
import type { PhaseName } from './errors.js';
import type { EndReason, LoopMode, RunStatus, TokenTotals } from './events.js';
import type { LatentSettings } from './settings.js';
import { MendSchema, type Mend } from './state/mends.js';

/** Wall time and tokens of one phase (all its attempts), in `run_metadata.json`. */
export interface PhaseTiming {
  phase: PhaseName;
  iteration: number;
  startedAt: string;
  durationMs: number;
  attempts: number;
  tokens: TokenTotals;
}

/** Progress of one REFINE round, in `run_metadata.json` and the loop's result. */
export interface IterationProgress {
  iteration: number;
  /** Open tasks before the round, and how many it should resolve (minSolvePerIteration, or all when fewer). */
  openBefore: number;
  target: number;
  /** Open tasks the round resolved: moved to solved, or answered by rewritten code (`resolves`). */
  resolved: string[];
  /** Solved tasks whose code the round added or rewrote. */
  written: string[];
  /** Resolved fewer than the target; `stallLimit` short rounds in a row end refinement. */
  short: boolean;
  /** `failed`: out of attempts; the last valid state was kept. */
  status: 'accepted' | 'failed';
  failure?: { code: string; message: string };
  /** Mechanical slips of the accepted answer that the loop mended without a retry; absent when none. */
  mends?: Mend[];
}

/** `run_metadata.json`: rewritten after every step, so it is always a faithful summary of the run so far. */
export interface RunMetadata {
  stateSchemaVersion: number;
  mode: LoopMode;
  artifactFileName: string;
  model: { provider: string; id: string; scripted: boolean; interfaceVersion: number };
  settings: LatentSettings;
  versions: { node: string; package: string };
  /** Commit of the working directory's git repository; null outside one. */
  gitCommit: string | null;
  startedAt: string;
  endedAt: string | null;
  /** One timestamp per `resume` that continued this run. */
  resumedAt: string[];
  status: RunStatus;
  endReason: EndReason | null;
  refinements: number;
  phases: PhaseTiming[];
  tokens: TokenTotals;
  calls: number;
  /** Output retries: attempts after the first of a phase (bad output from the model). */
  retries: number;
  /** Transport retries by the provider (server faults): never an attempt of the model. */
  serverRetries: number;
  truncations: number;
  /** One entry per REFINE round: open tasks resolved, short or not, failed or not. */
  iterations: IterationProgress[];
  error: { code: string; message: string } | null;
  /** Whatever the caller passed (spec name, benchmark id, …). */
  metadata: Record<string, unknown>;
}

let packageVersion: string | undefined;

/** Read from package.json beside `src/` or `dist/`; "unknown" rather than failing a run over it. */
export function latentCorePackageVersion(): string {
  if (packageVersion === undefined) {
    try {
      const parsed = z.object({ version: z.string() }).safeParse(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')));
      packageVersion = parsed.success ? parsed.data.version : 'unknown';
    } catch {
      packageVersion = 'unknown';
    }
  }
  return packageVersion;
}

/** The current commit, or null when git or the repository is absent. */
export function currentGitCommit(cwd: string = process.cwd()): string | null {
  try {
    const output = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000, encoding: 'utf8' });
    const commit = output.trim();
    return /^[0-9a-f]{40}$/.test(commit) ? commit : null;
  } catch {
    return null;
  }
}

export const LANGUAGE_MODEL_INTERFACE = LANGUAGE_MODEL_INTERFACE_VERSION;

const TokenTotalsSchema = z.object({ prompt: z.number(), completion: z.number() });

/** The parts of an earlier run's metadata a resumed run carries on (counters add up across sessions). */
export const ResumableMetadataSchema = z.object({
  startedAt: z.string(),
  resumedAt: z.array(z.string()).default([]),
  phases: z.array(
    z.object({
      phase: z.enum(['init', 'refine', 'generate', 'fix', 'one-shot']),
      iteration: z.number(),
      startedAt: z.string(),
      durationMs: z.number(),
      attempts: z.number(),
      tokens: TokenTotalsSchema,
    }),
  ),
  tokens: TokenTotalsSchema,
  calls: z.number(),
  retries: z.number(),
  serverRetries: z.number().default(0),
  truncations: z.number(),
  iterations: z
    .array(
      z.object({
        iteration: z.number(),
        openBefore: z.number(),
        target: z.number(),
        resolved: z.array(z.string()),
        written: z.array(z.string()),
        short: z.boolean(),
        status: z.enum(['accepted', 'failed']),
        failure: z.object({ code: z.string(), message: z.string() }).optional(),
        mends: z.array(MendSchema).optional(),
      }),
    )
    .default([]),
  endReason: z.enum(['all-solved', 'stalled', 'max-refinements', 'one-shot']).nullable(),
});

export type ResumableMetadata = z.infer<typeof ResumableMetadataSchema>;
