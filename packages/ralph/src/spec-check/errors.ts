/** Stable codes of the spec check's own errors. */
export type SpecCheckErrorCode = 'SCRIPT_UNPARSABLE' | 'MUTATION_RUN_FAILED' | 'TEST_LISTING_FAILED';

/** Base of the errors a spec check throws; `hint` says what to do. */
export class SpecCheckError extends Error {
  override readonly name: string = 'SpecCheckError';
  readonly code: SpecCheckErrorCode;
  readonly hint: string | undefined;
  constructor(code: SpecCheckErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }
}

/** The reference's scripts could not be parsed or mutated (a syntax error, or a construct the mutator rejects). */
export class ScriptUnparsableError extends SpecCheckError {
  override readonly name = 'ScriptUnparsableError';
  readonly file: string;
  readonly reason: string;
  constructor(file: string, reason: string, cause?: unknown) {
    super('SCRIPT_UNPARSABLE', `The scripts of ${file} could not be mutated: ${reason}`, {
      hint: 'Fix the script so a browser and Babel both parse it (plain JavaScript in <script> tags), or check with --max-mutants 0 to skip mutants.',
      cause,
    });
    this.file = file;
    this.reason = reason;
  }
}

/** The Playwright run of a mutation check ended without results (it crashed, or was killed at its time limit). */
export class MutationRunError extends SpecCheckError {
  override readonly name = 'MutationRunError';
  readonly exitCode: number | undefined;
  readonly stderr: string;
  constructor(message: string, details: { exitCode: number | undefined; stderr: string }) {
    super('MUTATION_RUN_FAILED', message, { hint: 'Run the reference alone with `ndli test <spec> <reference>` to see whether the tests themselves run.' });
    this.exitCode = details.exitCode;
    this.stderr = details.stderr;
  }
}
