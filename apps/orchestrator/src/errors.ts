import { hostname } from 'node:os';

/** Errors of the orchestrator itself; model and judge errors keep their own classes and codes. */
export type OrchestratorErrorCode = 'CONFIG_INVALID' | 'RUN_DIRECTORY_INVALID' | 'MODEL_MISSING' | 'BENCH_INVALID' | 'USAGE' | 'DIRECTORY_IN_USE';

export class OrchestratorError extends Error {
  override readonly name: string = 'OrchestratorError';
  readonly code: OrchestratorErrorCode;
  readonly hint: string | undefined;
  constructor(code: OrchestratorErrorCode, message: string, hint?: string) {
    super(message);
    this.code = code;
    this.hint = hint;
  }
}

export class ConfigError extends OrchestratorError {
  override readonly name = 'ConfigError';
  readonly configPath: string | undefined;
  constructor(message: string, configPath: string | undefined) {
    super('CONFIG_INVALID', message, 'Fix the field named above in your ndli.config file or flags.');
    this.configPath = configPath;
  }
}

export class RunDirectoryError extends OrchestratorError {
  override readonly name = 'RunDirectoryError';
  constructor(message: string, hint?: string) {
    super('RUN_DIRECTORY_INVALID', message, hint);
  }
}

/** Another live process writes this run or bench directory (see run/directory-lock.ts). Exit 2. */
export class DirectoryInUseError extends OrchestratorError {
  override readonly name = 'DirectoryInUseError';
  readonly directory: string;
  readonly owner: { pid: number; host: string; startedAt: string } | undefined;
  readonly lockPath: string;
  constructor(kind: 'run' | 'bench', directory: string, owner: { pid: number; host: string; startedAt: string } | undefined, lockPath: string) {
    const who = owner ? `pid ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`}` : 'lock owner unreadable';
    super(
      'DIRECTORY_IN_USE',
      `${kind} ${directory} is in progress (${who}); wait or stop it.`,
      owner && owner.host !== hostname()
        ? `The lock was taken on another machine and cannot be checked from here; if that process is gone, delete ${lockPath}.`
        : `${owner ? `It started at ${owner.startedAt}. ` : ''}If no ndli process is working on it, delete ${lockPath}.`,
    );
    this.directory = directory;
    this.owner = owner;
    this.lockPath = lockPath;
  }
}

/**
 * Every candidate of a round failed (model or judge errors): the round fails as a single artifact's would,
 * resumable. Its code is the first candidate's error code (e.g. MODEL_UNREACHABLE), so the run's end says why.
 */
export class CandidatesFailedError extends Error {
  override readonly name = 'CandidatesFailedError';
  readonly code: string;
  readonly round: number;
  constructor(round: number, first: { code: string; message: string } | undefined) {
    super(`Every candidate of round ${round} failed${first ? `; the first: ${first.message}` : ''}.`);
    this.code = first?.code ?? 'CANDIDATES_FAILED';
    this.round = round;
  }
}
