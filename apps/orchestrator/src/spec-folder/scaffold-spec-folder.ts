import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SpecManifestSchema } from '@ndli/ralph';
import { OrchestratorError } from '../errors.js';
import { scaffoldFiles } from './scaffold-templates.js';

/** The folder a new spec folder `name` goes in: refuses a bad name or a folder that is there and not empty. */
export function newSpecDirectory(name: string, parent: string, cwd: string): string {
  const nameCheck = SpecManifestSchema.shape.name.safeParse(name);
  if (!nameCheck.success) throw new OrchestratorError('USAGE', `"${name}" is not a valid spec name.`, 'Use lower-case letters, digits and dashes, starting with a letter or digit (e.g. kanban-board).');
  const directory = resolve(cwd, parent, name);
  if (existsSync(directory) && readdirSync(directory).length > 0) {
    throw new OrchestratorError('USAGE', `${directory} already exists and is not empty.`, 'Pick another name or --dir, or remove the folder first.');
  }
  return directory;
}

/** Writes `files` (relative path → content) under `directory`. */
export function writeFiles(directory: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    const path = join(directory, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

/** Writes a new spec folder `<parent>/<name>` (parent default `./specs`); `plain`: its tests are a plain Playwright suite. */
export function scaffoldSpecFolder(name: string, parent: string, cwd: string, plain = false): { directory: string; files: string[] } {
  const directory = newSpecDirectory(name, parent, cwd);
  const files = scaffoldFiles(name, plain);
  writeFiles(directory, files);
  return { directory, files: Object.keys(files) };
}
