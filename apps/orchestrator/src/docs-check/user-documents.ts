import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The pages a user reads: the README, every page under docs/ (pages added later included), CONTRIBUTING.md, the
 * package and app READMEs, and specs/README.md. Paths are absolute.
 */
export function userDocuments(repository: string): string[] {
  const inFolder = (folder: string): string[] =>
    existsSync(join(repository, folder))
      ? readdirSync(join(repository, folder), { withFileTypes: true })
          .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
          .map((entry) => join(repository, folder, entry.name))
      : [];
  const readmesUnder = (folder: string): string[] =>
    readdirSync(join(repository, folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(repository, folder, entry.name, 'README.md'))
      .filter((path) => existsSync(path));
  return [
    join(repository, 'README.md'),
    ...inFolder('docs'),
    join(repository, 'CONTRIBUTING.md'),
    ...readmesUnder('packages'),
    ...readmesUnder('apps'),
    join(repository, 'specs', 'README.md'),
  ]
    .filter((path) => existsSync(path))
    .sort();
}
