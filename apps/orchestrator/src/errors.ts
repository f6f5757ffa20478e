/** Errors of the orchestrator itself; model and judge errors keep their own classes and codes. */
export type OrchestratorErrorCode = 'CONFIG_INVALID' | 'RUN_DIRECTORY_INVALID' | 'MODEL_MISSING' | 'BENCH_INVALID' | 'USAGE';

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
