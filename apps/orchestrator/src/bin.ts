#!/usr/bin/env node
import { CommanderError } from 'commander';
import { EXIT, formatCliError } from './cli-errors.js';
import { createProgram } from './cli.js';

// `pnpm ndli …` runs the script from the repo root; paths the user typed are relative to where they typed them.
// Only for that script: any other process inherits INIT_CWD from whatever pnpm command started it.
if (process.env.npm_lifecycle_event === 'ndli' && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

/** Errors in what the user asked for (fix the command or config), as opposed to failures while running. */
const USAGE_ERRORS = new Set(['CONFIG_INVALID', 'USAGE', 'MODEL_MISSING', 'MODEL_SPEC_INVALID', 'SPEC_NOT_FOUND', 'SPEC_INVALID', 'SPECS_DIRECTORY_NOT_FOUND', 'RUN_DIRECTORY_INVALID', 'DIRECTORY_IN_USE', 'BENCH_INVALID', 'REPLAY_FILE_INVALID']);

let exitCode: number = EXIT.passed;
const program = createProgram((code) => {
  exitCode = code;
}).exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander already printed its message (or help/version, which exit 0).
    exitCode = error.exitCode === 0 ? EXIT.passed : EXIT.usage;
  } else {
    process.stderr.write(`${formatCliError(error)}\n`);
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    exitCode = USAGE_ERRORS.has(code) || code.startsWith('ARTIFACT_') ? EXIT.usage : EXIT.error;
  }
}
process.exitCode = exitCode;
// A model SDK or browser left holding a handle must not keep a finished CLI alive; a clean exit happens sooner.
setTimeout(() => process.exit(exitCode), 1_000).unref();
