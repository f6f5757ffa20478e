import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ResumeStateError } from './errors.js';
import type { LatentEvent } from './events.js';
import type { CallFileRecord } from './phase-context.js';
import { ReasoningStateSchema, type ReasoningState } from './reasoning-state.js';
import type { RunMetadata } from './run-metadata.js';

/**
 * The run directory, in the seed's layout, written as the run happens:
 *
 *   run_metadata.json          settings, model, versions, status, timings, token totals (rewritten after every step)
 *   state_init.json            INIT's state            (or state_fix.json in FIX mode)
 *   state_refine_N.json        the state after REFINE round N
 *   state_final.json           the state GENERATE worked from
 *   <artifact>                 e.g. calculator.html
 *   calls/NNN-<phase>.json     every model call, success or failure, in order
 *   events.jsonl               every event, one JSON object per line
 *
 * JSON files are written atomically (temp file + rename): a crash leaves the old file or the new one.
 */
export const RUN_FILES = {
  metadata: 'run_metadata.json',
  events: 'events.jsonl',
  calls: 'calls',
  stateInit: 'state_init.json',
  stateFix: 'state_fix.json',
  stateFinal: 'state_final.json',
  stateRefine: (round: number): string => `state_refine_${round}.json`,
} as const;

const STATE_REFINE_PATTERN = /^state_refine_(\d+)\.json$/;
const CALL_FILE_PATTERN = /^(\d{3,})-[\w-]+\.json$/;

/** The newest modification time of the run's state files and call files (0 for none). */
async function newestStamp(path: string): Promise<number> {
  const states = (await readdir(path)).filter((name) => name.startsWith('state_') && name.endsWith('.json')).map((name) => join(path, name));
  const calls = (await readdir(join(path, RUN_FILES.calls))).filter((name) => CALL_FILE_PATTERN.test(name)).map((name) => join(path, RUN_FILES.calls, name));
  const times = await Promise.all([...states, ...calls].map(async (file) => (await stat(file)).mtimeMs));
  return Math.max(0, ...times);
}

/** `run_YYYYMMDD_HHMMSS` in UTC (sortable and the same on every machine). */
export function createRunDirectoryName(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return (
    `run_${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}_` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`
  );
}

export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, content, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Where a resumed run picks up, from what is on disk. */
export type ResumePoint =
  | { kind: 'none' }
  | { kind: 'complete'; html: string; finalState: ReasoningState | undefined; refinements: number }
  | { kind: 'state'; file: string; state: ReasoningState; final: boolean; refinements: number; rounds: readonly RoundOnDisk[] };

/** One saved REFINE round seen from disk: enough to recount short rounds after an interruption. */
export interface RoundOnDisk {
  openBefore: number;
  /** Open tasks of the state before that are no longer open (states on disk are complete, so these were resolved). */
  resolved: number;
}

export class RunDirectory {
  readonly path: string;
  private nextCall: number;
  /** The newest modification time among the states and calls written so far (read from disk once, on first need). */
  private lastStampMs: number | undefined;

  private constructor(path: string, nextCall: number) {
    this.path = path;
    this.nextCall = nextCall;
  }

  /** Creates the directory (and `calls/`) if needed; call numbering continues after existing call files. */
  static async open(path: string): Promise<RunDirectory> {
    await mkdir(join(path, RUN_FILES.calls), { recursive: true });
    return new RunDirectory(path, await nextCallNumber(join(path, RUN_FILES.calls)));
  }

  file(name: string): string {
    return join(this.path, name);
  }

  async writeState(fileName: string, state: ReasoningState): Promise<void> {
    await writeFileAtomic(this.file(fileName), `${JSON.stringify(state, null, 2)}\n`);
    await this.stampInOrder(this.file(fileName));
  }

  /**
   * Gives a state or call file a modification time after every state and call written before it. The file system's
   * clock is coarse (a few ms on Linux): a call answered right after a state could carry the state's time, and
   * setAsideCallsAfter, which compares these times, would then keep an answer whose result was never saved.
   */
  private async stampInOrder(path: string): Promise<void> {
    this.lastStampMs ??= await newestStamp(this.path);
    const written = (await stat(path)).mtimeMs;
    if (written > this.lastStampMs) {
      this.lastStampMs = written;
      return;
    }
    const stamp = this.lastStampMs + 1;
    await utimes(path, stamp / 1000, stamp / 1000);
    // What the file system kept (it may round), so the next comparison is against the time on disk.
    this.lastStampMs = (await stat(path)).mtimeMs;
  }

  async writeArtifact(fileName: string, html: string): Promise<string> {
    const path = this.file(fileName);
    await writeFileAtomic(path, html);
    return path;
  }

  /**
   * Moves the answered call files written after `stateFile` (or all of them, without one) to `calls/superseded/`:
   * answers whose result was never saved (a kill between the call and its state or artifact), which a resumed run
   * makes again. Kept for the record, but no longer counted: the calls on file are then exactly the calls whose
   * effects the run has, which is what a replay or a recorded transcript resumes from. Returns the files moved.
   */
  async setAsideCallsAfter(stateFile: string | undefined): Promise<string[]> {
    const since = stateFile === undefined ? Number.NEGATIVE_INFINITY : (await stat(this.file(stateFile))).mtimeMs;
    const callsDirectory = this.file(RUN_FILES.calls);
    const moved: string[] = [];
    for (const name of (await readdir(callsDirectory)).filter((entry) => CALL_FILE_PATTERN.test(entry)).sort()) {
      if ((await stat(join(callsDirectory, name))).mtimeMs <= since) continue;
      // A failed attempt stays on record where it happened: what is lost is an answer whose result was never saved.
      if (!(await answeredCall(join(callsDirectory, name)))) continue;
      await mkdir(join(callsDirectory, 'superseded'), { recursive: true });
      await rename(join(callsDirectory, name), join(callsDirectory, 'superseded', name));
      moved.push(name);
    }
    this.nextCall = await nextCallNumber(callsDirectory);
    return moved;
  }

  /** Writes `calls/NNN-<phase>.json` and returns its path relative to the run directory. */
  async writeCall(record: CallFileRecord): Promise<string> {
    const name = `${RUN_FILES.calls}/${String(this.nextCall).padStart(3, '0')}-${record.phase}.json`;
    this.nextCall += 1;
    await writeFileAtomic(this.file(name), `${JSON.stringify(record, null, 2)}\n`);
    await this.stampInOrder(this.file(name));
    return name;
  }

  /** Appended synchronously so the log keeps event order even when the process dies right after. */
  appendEvent(event: LatentEvent): void {
    appendFileSync(this.file(RUN_FILES.events), `${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`, 'utf8');
  }

  async writeMetadata(metadata: RunMetadata): Promise<void> {
    await writeFileAtomic(this.file(RUN_FILES.metadata), `${JSON.stringify(metadata, null, 2)}\n`);
  }

  async readMetadata(): Promise<unknown> {
    const text = await readIfExists(this.file(RUN_FILES.metadata));
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }

  async readState(fileName: string): Promise<ReasoningState | undefined> {
    const text = await readIfExists(this.file(fileName));
    if (text === undefined) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new ResumeStateError(fileName, 'not valid JSON', { cause });
    }
    const parsed = ReasoningStateSchema.safeParse(json);
    if (!parsed.success) throw new ResumeStateError(fileName, parsed.error.issues.map((issue) => issue.message).join('; '), { cause: parsed.error });
    return parsed.data;
  }

  /** REFINE rounds saved so far, ascending. */
  async refineRounds(): Promise<number[]> {
    const names = await readdir(this.path);
    return names
      .flatMap((name) => {
        const match = STATE_REFINE_PATTERN.exec(name);
        return match?.[1] ? [Number(match[1])] : [];
      })
      .sort((a, b) => a - b);
  }

  /**
   * The last complete state on disk: the artifact (nothing left to do), else state_final (only
   * GENERATE left), else the last state_refine_N, state_fix or state_init. Also lists each round's
   * progress, so stall detection carries across the interruption.
   */
  async findResumePoint(artifactFileName: string): Promise<ResumePoint> {
    const rounds = await this.refineRounds();
    const refinements = rounds.at(-1) ?? 0;
    const finalState = await this.readState(RUN_FILES.stateFinal);
    const html = await readIfExists(this.file(artifactFileName));
    if (html !== undefined) return { kind: 'complete', html, finalState, refinements };

    const baseFile = (await readIfExists(this.file(RUN_FILES.stateFix))) !== undefined ? RUN_FILES.stateFix : RUN_FILES.stateInit;
    const base = await this.readState(baseFile);
    const sequence: { file: string; state: ReasoningState }[] = base ? [{ file: baseFile, state: base }] : [];
    for (const round of rounds) {
      const state = await this.readState(RUN_FILES.stateRefine(round));
      if (state) sequence.push({ file: RUN_FILES.stateRefine(round), state });
    }
    const roundsOnDisk = sequence.slice(1).map(({ state }, index): RoundOnDisk => {
      const before = sequence[index]?.state.unsolved_tasks ?? [];
      const open = new Set(state.unsolved_tasks.map((task) => task.name));
      return { openBefore: before.length, resolved: before.filter((task) => !open.has(task.name)).length };
    });
    if (finalState) return { kind: 'state', file: RUN_FILES.stateFinal, state: finalState, final: true, refinements, rounds: roundsOnDisk };
    const last = sequence.at(-1);
    if (!last) return { kind: 'none' };
    return { kind: 'state', file: last.file, state: last.state, final: false, refinements, rounds: roundsOnDisk };
  }
}

/** True for a call file that holds an answer (no error): one whose result the run would have saved next. */
async function answeredCall(path: string): Promise<boolean> {
  try {
    const record: unknown = JSON.parse(await readFile(path, 'utf8'));
    return typeof record === 'object' && record !== null && (!('error' in record) || record.error === null || record.error === undefined);
  } catch {
    return false;
  }
}

/** The number after the highest `NNN-<phase>.json` in a calls directory: call numbering continues after the files. */
async function nextCallNumber(callsDirectory: string): Promise<number> {
  const numbers = (await readdir(callsDirectory)).flatMap((name) => {
    const match = CALL_FILE_PATTERN.exec(name);
    return match?.[1] ? [Number(match[1])] : [];
  });
  return Math.max(0, ...numbers) + 1;
}
