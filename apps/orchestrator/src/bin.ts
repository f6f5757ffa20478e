#!/usr/bin/env node
import { CommanderError } from 'commander';
import { EXIT, formatCliError } from './cli-errors.js';
import { createProgram } from './cli.js';

// `pnpm ndli …` runs scripts from the repo root; paths the user typed are relative to where they typed them.
if (process.env.INIT_CWD && process.env.INIT_CWD !== process.cwd()) process.chdir(process.env.INIT_CWD);

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
    exitCode = code === 'CONFIG_INVALID' || code === 'USAGE' || code.startsWith('SPEC_') || code === 'MODEL_SPEC_INVALID' || code === 'MODEL_MISSING' ? EXIT.usage : EXIT.error;
  }
}
process.exitCode = exitCode;
// A model SDK or browser left holding a handle must not keep a finished CLI alive; a clean exit happens sooner.
setTimeout(() => process.exit(exitCode), 1_000).unref();
