import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Resolved from here, not from the (temporary) directory the CLI runs in.
const TSX_LOADER = import.meta.resolve('tsx');
const BIN = fileURLToPath(new URL('../bin.ts', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

/** Starts the real `ndli` CLI (from source) as a user would, in `cwd`. */
export function startCli(args: readonly string[], cwd: string): { child: ChildProcess; done: Promise<CliResult> } {
  const started = Date.now();
  const environment: NodeJS.ProcessEnv = { ...process.env, CI: '1', NO_COLOR: '1' };
  delete environment.INIT_CWD;
  delete environment.npm_lifecycle_event;
  const child = spawn(process.execPath, ['--conditions=@ndli/source', '--import', TSX_LOADER, BIN, ...args], {
    cwd,
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, elapsedMs: Date.now() - started }));
  });
  return { child, done };
}

export function runCli(args: readonly string[], cwd: string): Promise<CliResult> {
  return startCli(args, cwd).done;
}
