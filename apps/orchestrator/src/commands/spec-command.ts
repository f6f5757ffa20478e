import { relative } from 'node:path';
import { checkSpecFolder, formatSpecCheck, loadSpec } from '@ndli/ralph';
import { EXIT } from '../cli-errors.js';
import { Progress } from '../reporters/progress.js';
import { isInteractive } from '../reporters/terminal.js';
import { specLookup } from '../run/specs-location.js';
import { scaffoldSpecFolder } from '../spec-folder/scaffold-spec-folder.js';

/** `ndli spec new <name> [--dir <folder>]`: a spec folder to fill in. */
export function specNewCommand(name: string, flags: { dir?: string }): number {
  const { directory, files } = scaffoldSpecFolder(name, flags.dir ?? 'specs', process.cwd());
  const shown = relative(process.cwd(), directory) || '.';
  process.stdout.write(
    [
      `✓ created ${shown}/: ${files.join(', ')}`,
      `  next: write task.md, the reference and tests, then \`ndli spec check ${shown}\`.`,
      '  The tests import @ndli/ralph/spec: outside this repository, run `npm install @ndli/orchestrator` in a folder above it.',
    ].join('\n') + '\n',
  );
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
