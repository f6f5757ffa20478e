import { relative, resolve } from 'node:path';
import { checkSpecFolder, formatSpecCheck, loadSpec } from '@ndli/ralph';
import { EXIT } from '../cli-errors.js';
import { Progress } from '../reporters/progress.js';
import { isInteractive } from '../reporters/terminal.js';
import { specLookup } from '../run/specs-location.js';
import { importSpecFolder } from '../spec-folder/import-spec-folder.js';
import { scaffoldSpecFolder } from '../spec-folder/scaffold-spec-folder.js';
import { ndliCommand } from '../hints/ndli-command.js';

/** `ndli spec new <name> [--dir <folder>] [--plain]`: a spec folder to fill in. */
export function specNewCommand(name: string, flags: { dir?: string; plain?: boolean }): number {
  const { directory, files } = scaffoldSpecFolder(name, flags.dir ?? 'specs', process.cwd(), flags.plain === true);
  const shown = relative(process.cwd(), directory) || '.';
  process.stdout.write(
    [
      `✓ created ${shown}/: ${files.join(', ')}`,
      `  next: write task.md, the reference and tests, then \`${ndliCommand(`spec check ${shown}`)}\`.`,
      flags.plain
        ? "  The tests are a plain Playwright suite (`import { test, expect } from '@playwright/test'`, `page.goto('/')`): NDLI serves the app at the baseURL."
        : `  The tests use the \`app\` fixture of @ndli/ralph/spec (\`${ndliCommand('spec new <name> --plain')}\` for a plain Playwright suite).`,
    ].join('\n') + '\n',
  );
  return EXIT.passed;
}

export interface SpecImportFlags {
  task?: string;
  reference?: string;
  name?: string;
  dir?: string;
}

/** `ndli spec import <dir> [--task <file>] [--reference <html>] [--name <name>] [--dir <folder>]`. */
export function specImportCommand(testsDirectory: string, flags: SpecImportFlags): number {
  const cwd = process.cwd();
  const result = importSpecFolder({
    testsDirectory,
    parent: flags.dir ?? 'specs',
    cwd,
    ...(flags.task ? { task: flags.task } : {}),
    ...(flags.reference ? { reference: flags.reference } : {}),
    ...(flags.name ? { name: flags.name } : {}),
  });
  const shown = relative(cwd, result.directory) || '.';
  const lines = [`✓ created ${shown}/ (spec "${result.name}") from ${relative(cwd, resolve(cwd, testsDirectory)) || '.'}`];
  if (result.rewrites.length > 0) {
    lines.push(`  changed the start URL to / (NDLI serves the app at the suite's baseURL), ${result.rewrites.length} place(s):`);
    for (const rewrite of result.rewrites) lines.push(`    ${rewrite.file}:${rewrite.line}  ${rewrite.from} → ${rewrite.to}`);
  }
  for (const note of result.notes) lines.push(`  note: ${note}`);
  lines.push(`  next: add seeded bugs (bugs/*.html), then \`${ndliCommand(`spec check ${shown}`)}\`.`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.passed;
}

export interface SpecCheckFlags {
  json?: boolean;
  /** A whole number, or 'all'. */
  maxMutants: number | 'all';
  seed: number;
  minScore: number;
  specsDir?: string;
  browser?: string;
  workers?: number;
  /** Runs of the reference and of each variant; above 1, a test whose outcome changes between runs fails the check. */
  repeat?: number;
}

/** `ndli spec check <spec>`: exit 0 only when every check holds and the mutation score reaches --min-score. */
export async function specCheckCommand(specName: string, flags: SpecCheckFlags): Promise<number> {
  const spec = loadSpec(specName, specLookup(process.cwd(), flags.specsDir));
  const progress = new Progress(process.stderr, !flags.json && isInteractive(process.stderr));
  progress.start(`checking spec ${spec.name}…`);
  const report = await checkSpecFolder({
    spec,
    ...(flags.maxMutants === 'all' ? {} : { maxMutants: flags.maxMutants }),
    seed: flags.seed,
    // Accept 0.9 and 90 alike.
    minScore: flags.minScore > 1 ? flags.minScore / 100 : flags.minScore,
    ...(flags.browser ? { browser: { executablePath: flags.browser } } : {}),
    ...(flags.workers ? { workers: flags.workers } : {}),
    ...(flags.repeat ? { repeat: flags.repeat } : {}),
    onProgress: (message) => {
      if (flags.json) return;
      if (isInteractive(process.stderr)) progress.start(`${spec.name}: ${message}…`);
      else process.stderr.write(`→ ${spec.name}: ${message}\n`);
    },
  }).finally(() => progress.stop());
  process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatSpecCheck(report)}\n`);
  return report.ok ? EXIT.passed : EXIT.failed;
}
