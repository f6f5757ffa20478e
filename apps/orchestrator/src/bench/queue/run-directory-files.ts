import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';

/**
 * A run directory carried through Redis: each file base64 in a JSON map. Bounded: Ralph's evidence
 * (screenshots, traces, Playwright report under `ralph/`) only on request, and never more than
 * `maxBytes` in all; files past the bound are listed in `omitted`, not silently lost.
 */
export const RunDirectoryFilesSchema = z.object({
  files: z.record(z.string(), z.string().describe('base64')),
  omitted: z.array(z.string()),
});
export type RunDirectoryFiles = z.infer<typeof RunDirectoryFilesSchema>;

/** 64 MiB: a full FIX run's states, calls and artifacts are well under 1 MiB; evidence can be tens of MiB. */
export const DEFAULT_MAX_SHIPPED_BYTES = 64 * 1024 * 1024;

const EVIDENCE_DIRECTORY = 'ralph';

function listFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((entry) => statSync(join(directory, entry)).isFile())
    .map((entry) => entry.split(sep).join('/'))
    .sort();
}

const isEvidence = (path: string) => path.split('/').includes(EVIDENCE_DIRECTORY);

export function packRunDirectory(directory: string, options: { evidence: boolean; maxBytes?: number }): RunDirectoryFiles {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SHIPPED_BYTES;
  const files: Record<string, string> = {};
  const omitted: string[] = [];
  let total = 0;
  // The research record first (states, calls, artifacts, verdicts), evidence after: the bound cuts evidence first.
  const paths = listFiles(directory);
  const ordered = [...paths.filter((path) => !isEvidence(path)), ...(options.evidence ? paths.filter(isEvidence) : [])];
  for (const path of ordered) {
    const content = readFileSync(join(directory, path));
    if (total + content.length > maxBytes) {
      omitted.push(path);
      continue;
    }
    total += content.length;
    files[path] = content.toString('base64');
  }
  return { files, omitted };
}

/** Replaces `directory` with the shipped files, so it looks as if the trial had run here. */
export function unpackRunDirectory(shipped: RunDirectoryFiles, directory: string): void {
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  const root = resolve(directory);
  for (const [path, content] of Object.entries(shipped.files)) {
    const target = resolve(root, path);
    // A path from the queue must stay inside the run directory.
    if (relative(root, target).startsWith('..')) throw new RangeError(`Refusing to write ${path} outside ${directory}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, Buffer.from(content, 'base64'));
  }
  if (shipped.omitted.length > 0) writeFileSync(join(directory, 'omitted-files.txt'), `${shipped.omitted.join('\n')}\n`);
}
