import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';

/** How the user starts the CLI: `pnpm ndli` inside a checkout of this repository, `ndli` where it is installed. */
export type CommandPrefix = 'ndli' | 'pnpm ndli';

export interface CommandPrefixContext {
  /** Where the running CLI's own code lives. */
  moduleDirectory: string;
  /** Where the user typed the command (bin.ts has already moved there from a `pnpm ndli` script). */
  workingDirectory: string;
  /** `npm_lifecycle_event`: `ndli` when the CLI was started by the repository's `pnpm ndli` script. */
  lifecycleEvent?: string | undefined;
}

/**
 * The folder of a checkout of this repository that holds `start`: a pnpm workspace whose package.json has the
 * `ndli` script. An installed CLI (node_modules of a user's project) has no such folder above it.
 */
export function findCheckoutRoot(start: string): string | undefined {
  for (let directory = start; ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'pnpm-workspace.yaml')) && hasNdliScript(join(directory, 'package.json'))) return directory;
    if (dirname(directory) === directory) return undefined;
  }
}

function hasNdliScript(packageFile: string): boolean {
  if (!existsSync(packageFile)) return false;
  try {
    const parsed: unknown = JSON.parse(readFileSync(packageFile, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || !('scripts' in parsed)) return false;
    const scripts = parsed.scripts;
    return typeof scripts === 'object' && scripts !== null && 'ndli' in scripts;
  } catch {
    return false;
  }
}

function isWithin(directory: string, root: string): boolean {
  const path = relative(root, directory);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

/**
 * `pnpm ndli` when the CLI was started by that script, or when the CLI that runs is a checkout's own and the user
 * is inside that checkout (where `pnpm ndli` works); `ndli` otherwise, as an installed CLI is run.
 */
export function commandPrefix(context: CommandPrefixContext): CommandPrefix {
  if (context.lifecycleEvent === 'ndli') return 'pnpm ndli';
  const root = findCheckoutRoot(context.moduleDirectory);
  return root !== undefined && isWithin(context.workingDirectory, root) ? 'pnpm ndli' : 'ndli';
}

const MODULE_DIRECTORY = dirname(fileURLToPath(import.meta.url));

/** A command to suggest to the user, as they would type it here: `ndliCommand('inspect output/run_1')`. */
export function ndliCommand(rest: string): string {
  const prefix = commandPrefix({ moduleDirectory: MODULE_DIRECTORY, workingDirectory: process.cwd(), lifecycleEvent: process.env.npm_lifecycle_event });
  return `${prefix} ${rest}`;
}
