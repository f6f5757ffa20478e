import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunDirectoryError } from '../errors.js';
import type { OrchestratorEvent } from '../events.js';
import { RunMetadataSchema, type RunMetadata } from './run-metadata.js';
import { ndliCommand } from '../hints/ndli-command.js';

export const RUN_METADATA_FILE = 'run_metadata.json';
export const EVENTS_FILE = 'events.jsonl';
export const VERDICT_FILE = 'verdict.json';
export const TRANSCRIPT_FILE = 'transcript.jsonl';

/** Write-then-rename: a crash leaves the previous complete file, never half a file. */
export function writeJsonAtomic(path: string, value: unknown): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temporary, path);
}

export function copyFileAtomic(from: string, to: string): void {
  const temporary = `${to}.${process.pid}.tmp`;
  copyFileSync(from, temporary);
  renameSync(temporary, to);
}

/** The files of one run directory (`output/run_YYYYMMDD_HHMMSS/`). */
export class RunStore {
  constructor(readonly directory: string) {}

  static create(directory: string): RunStore {
    if (existsSync(directory) && readdirSync(directory).length > 0) {
      throw new RunDirectoryError(`Run directory ${directory} already exists and is not empty.`);
    }
    mkdirSync(directory, { recursive: true });
    return new RunStore(directory);
  }

  static open(directory: string): RunStore {
    if (!existsSync(join(directory, RUN_METADATA_FILE))) {
      throw new RunDirectoryError(
        `${directory} is not an ndli run directory (no ${RUN_METADATA_FILE}).`,
        `Pass a directory made by \`${ndliCommand('run')}\`, e.g. output/run_20260131_143022.`,
      );
    }
    return new RunStore(directory);
  }

  roundDirectory(round: number): string {
    return join(this.directory, `round_${round}`);
  }

  path(...segments: string[]): string {
    return join(this.directory, ...segments);
  }

  readMetadata(): RunMetadata {
    const path = this.path(RUN_METADATA_FILE);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (cause) {
      throw new RunDirectoryError(`${path} is not valid JSON: ${(cause as Error).message}`);
    }
    const parsed = RunMetadataSchema.safeParse(json);
    if (!parsed.success) {
      throw new RunDirectoryError(`${path} does not match the run metadata schema: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    }
    return parsed.data;
  }

  writeMetadata(metadata: RunMetadata): void {
    writeJsonAtomic(this.path(RUN_METADATA_FILE), { ...metadata, updatedAt: new Date().toISOString() });
  }

  appendEvent(event: OrchestratorEvent): void {
    appendFileSync(this.path(EVENTS_FILE), `${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`);
  }
}
