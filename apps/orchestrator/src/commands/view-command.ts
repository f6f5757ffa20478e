import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportViewer, openInBrowser, startViewer } from '@ndli/viewer';
import { EXIT } from '../cli-errors.js';
import { OrchestratorError } from '../errors.js';
import { ndliCommand } from '../hints/ndli-command.js';

export interface ViewFlags {
  port: number;
  open?: boolean;
  export?: string;
}

export interface ViewOptions {
  cwd?: string;
  /** Stops the server (tests); the CLI stops on Ctrl-C. */
  signal?: AbortSignal;
  write?: (text: string) => void;
  onListening?: (url: string) => void;
}

/** The roots: the paths given, else ./output and ./bench (those that exist). */
function viewerRoots(paths: readonly string[], cwd: string): string[] {
  if (paths.length === 0) return ['output', 'bench'].map((path) => resolve(cwd, path)).filter((path) => existsSync(path));
  const roots = paths.map((path) => resolve(cwd, path));
  const missing = roots.filter((root) => !existsSync(root));
  if (missing.length > 0) throw new OrchestratorError('USAGE', `Nothing to view at ${missing.join(', ')}.`, `Pass run or bench directories (or folders holding them), e.g. \`${ndliCommand('view output bench')}\`.`);
  return roots;
}

function untilStopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolvePromise) => {
    const stop = () => {
      process.off('SIGINT', stop);
      resolvePromise();
    };
    process.once('SIGINT', stop);
    if (signal?.aborted) stop();
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/** `ndli view [paths…]`: the web viewer on 127.0.0.1 until Ctrl-C, or `--export <dir>`: a static copy. */
export async function viewCommand(paths: readonly string[], flags: ViewFlags, options: ViewOptions = {}): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  if (flags.port > 65_535) throw new OrchestratorError('USAGE', `--port must be at most 65535, got ${flags.port}.`, 'Pass --port 0 for a free port.');
  const roots = viewerRoots(paths, cwd);
  if (roots.length === 0) write(`No ./output or ./bench here yet: the viewer starts empty. Make a run with \`${ndliCommand('run calculator --model replay/demo')}\`.\n`);
  if (flags.export !== undefined) {
    const summary = exportViewer({ roots, directory: resolve(cwd, flags.export) });
    write(`Static copy: ${summary.runs} run(s), ${summary.benches} bench(es), ${summary.files} file(s) → ${summary.directory}/index.html (opens without a server)\n`);
    return EXIT.passed;
  }
  const viewer = await startViewer({ roots, port: flags.port });
  write(`NDLI viewer: ${viewer.url}  (reading ${roots.join(', ') || 'nothing yet'}; Ctrl-C stops)\n`);
  options.onListening?.(viewer.url);
  if (flags.open) await openInBrowser(viewer.url);
  await untilStopped(options.signal);
  await viewer.close();
  return EXIT.passed;
}
