import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { NotASpecFolderError, SpecInvalidError, SpecNotFoundError, SpecsDirectoryNotFoundError } from '../errors.js';
import { stageOutsideNodeModules } from './stage-outside-node-modules.js';
import { heldOutProblems } from '../held-out.js';

/** Environment variable naming the specs directory (overrides the walk up from cwd). */
export const SPECS_DIRECTORY_ENV = 'NDLI_SPECS_DIR';

/**
 * A mutant the spec's author declares equivalent: it changes the code but no behaviour the contract (or any user)
 * can see, e.g. a guard made unreachable by another rule. Found by where it is and what it puts in; the reason says
 * why it cannot be killed. Declared ones are not tested and not in the score; a declaration matching no mutant is a
 * problem (the reference changed).
 */
export const EquivalentMutantSchema = z.object({
  /** 1-based line of the reference where the mutated code starts (as `ndli spec check` prints it). */
  line: z.number().int().positive(),
  /** 1-based column where it starts: only needed to tell apart two mutants of one line with the same replacement. */
  column: z.number().int().positive().optional(),
  /** Stryker's mutator name, e.g. StringLiteral. */
  mutator: z.string().min(1),
  /** The code put in place of the original, as printed after `+`. */
  replacement: z.string(),
  reason: z.string().min(10, 'say why no test can tell this mutant apart'),
});
export type EquivalentMutant = z.infer<typeof EquivalentMutantSchema>;

/**
 * Tests held out from the loop (see held-out.ts): those tagged `tag` (`test('title', { tag: '@held-out' }, …)`)
 * and/or every test of the listed files (`tests/x.spec.ts`). Judged every round, never shown to the model.
 */
export const HeldOutSchema = z
  .object({
    tag: z.string().regex(/^@[\w-]+$/, 'a Playwright tag such as @held-out').optional(),
    files: z.array(z.string().regex(/^tests\/[^\\]+\.spec\.ts$/, 'a test file of the spec, e.g. tests/edge-cases.spec.ts')).min(1, 'list at least one test file, or leave files out').optional(),
  })
  .strict()
  .refine((heldOut) => heldOut.tag !== undefined || heldOut.files !== undefined, 'name a tag, test files, or both');
export type HeldOut = z.infer<typeof HeldOutSchema>;

/** `spec.json` of a spec folder (specs/README.md). */
export const SpecManifestSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'kebab-case name'),
  title: z.string().min(1),
  artifact: z.string().regex(/^[^/\\]+\.html$/, 'a file name ending in .html'),
  description: z.string().min(1),
  /** The last measured mutation score (`pnpm specs:mutation --record`, `ndli spec check`): the tests' strength. */
  mutation: z
    .object({ score: z.number().min(0).max(1), killed: z.number().int(), survived: z.number().int(), invalid: z.number().int(), equivalent: z.number().int().optional(), sampled: z.number().int(), generated: z.number().int(), seed: z.number().int(), secondsPerMutant: z.number().optional() })
    .optional(),
  equivalentMutants: z.array(EquivalentMutantSchema).optional(),
  heldOut: HeldOutSchema.optional(),
});
export type SpecManifest = z.infer<typeof SpecManifestSchema>;

export const SeededBugSchema = z.object({
  /** File name without `.html`. */
  name: z.string(),
  /** From the `<!-- bug: … -->` first line. */
  description: z.string(),
  path: z.string(),
  /**
   * From an optional `<!-- caught by: describe › title -->` second line: a test that fails on this bug. The
   * seeded-bug check runs that test alone (seconds) instead of the suite up to its first failure.
   */
  caughtBy: z.string().optional(),
});
export type SeededBug = z.infer<typeof SeededBugSchema>;

/** A correct alternative implementation (`variants/*.html`): the specs must pass it as they pass the reference. */
export const VariantSchema = z.object({
  name: z.string(),
  /** From the `<!-- variant: … -->` first line: how it differs from the reference. */
  description: z.string(),
  path: z.string(),
});
export type Variant = z.infer<typeof VariantSchema>;

export const SpecFolderSchema = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  directory: z.string(),
  artifactFileName: z.string(),
  /** task.md: the prompt a model receives. */
  taskPrompt: z.string(),
  testsDirectory: z.string(),
  referencePath: z.string(),
  bugs: z.array(SeededBugSchema),
  /** Correct apps built differently (async rendering, other markup and order): guards against over-specified tests. */
  variants: z.array(VariantSchema),
  /** spec.json's declared equivalent mutants (absent: none). */
  equivalentMutants: z.array(EquivalentMutantSchema).optional(),
  /** spec.json's held-out tests (absent: none). */
  heldOut: HeldOutSchema.optional(),
});
export type SpecFolder = z.infer<typeof SpecFolderSchema>;

export interface SpecLookupOptions {
  /** Directory holding the spec folders; default: `NDLI_SPECS_DIR`, else the nearest `specs/` above cwd. */
  specsDirectory?: string;
  /** Where the upward search starts (default `process.cwd()`). */
  cwd?: string;
}

/** The optional second comment of a bug file, after its `<!-- bug: … -->`. */
const CAUGHT_BY_COMMENT = /^\s*<!--[\s\S]*?-->\s*<!--\s*caught by:\s*([\s\S]*?)\s*-->/;

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function hasSpecFolders(directory: string): boolean {
  return isDirectory(directory) && readdirSync(directory).some((entry) => existsSync(join(directory, entry, 'spec.json')));
}

/** The specs directory: option, then `NDLI_SPECS_DIR`, then the nearest `specs/` (with spec folders) above cwd. */
export function findSpecsDirectory(options: SpecLookupOptions = {}): string {
  const cwd = options.cwd ?? process.cwd();
  const explicit = options.specsDirectory ?? process.env[SPECS_DIRECTORY_ENV];
  if (explicit) {
    const directory = resolve(cwd, explicit);
    if (!isDirectory(directory)) throw new SpecsDirectoryNotFoundError([directory]);
    return directory;
  }
  const searched: string[] = [];
  for (let directory = resolve(cwd); ; directory = dirname(directory)) {
    // cwd may itself be the specs directory.
    if (basename(directory) === 'specs' && hasSpecFolders(directory)) return directory;
    const candidate = join(directory, 'specs');
    searched.push(candidate);
    if (hasSpecFolders(candidate)) return candidate;
    if (dirname(directory) === directory) throw new SpecsDirectoryNotFoundError(searched);
  }
}

/** Playwright's default test files (playwright-config.ts: TEST_FILE_PATTERN), anywhere under `directory`. */
const TEST_FILE = /\.(?:spec|test)\.[cm]?[jt]sx?$/;

function hasTestFiles(directory: string): boolean {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' }).some((file) => TEST_FILE.test(file) && !file.split(/[\\/]/).includes('node_modules'));
}

interface DescribedFile {
  file: { name: string; description: string; path: string };
  /** The start of the file, where its comments are. */
  head: string;
}

/** The HTML files of a folder (sorted), each described by its leading `<!-- label: … -->` comment. */
function describedFiles(directory: string, label: 'bug' | 'variant'): DescribedFile[] {
  if (!isDirectory(directory)) return [];
  const comment = new RegExp(`^\\s*<!--\\s*${label}:\\s*([\\s\\S]*?)\\s*-->`);
  return readdirSync(directory)
    .filter((file) => file.endsWith('.html'))
    .sort()
    .map((file) => {
      const path = join(directory, file);
      const head = readFileSync(path, 'utf8').slice(0, 4_000);
      const description = comment.exec(head)?.[1] ?? `(no <!-- ${label}: … --> description)`;
      return { file: { name: basename(path, '.html'), description, path }, head };
    });
}

/** Reads and validates one spec folder (an absolute directory holding spec.json). */
export function readSpecFolder(directory: string): SpecFolder {
  const problems: string[] = [];
  const manifestPath = join(directory, 'spec.json');
  if (!existsSync(manifestPath)) throw new SpecInvalidError({ directory, problems: ['spec.json is missing'] });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    throw new SpecInvalidError({ directory, problems: [`spec.json is not valid JSON (${String(error)})`] });
  }
  const parsed = SpecManifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new SpecInvalidError({
      directory,
      problems: parsed.error.issues.map((issue) => `spec.json ${issue.path.join('.') || '(root)'}: ${issue.message}`),
    });
  }
  const manifest = parsed.data;
  const taskPath = join(directory, 'task.md');
  const testsDirectory = join(directory, 'tests');
  const referencePath = join(directory, 'reference', manifest.artifact);
  if (!existsSync(taskPath)) problems.push('task.md is missing');
  if (!isDirectory(testsDirectory) || !hasTestFiles(testsDirectory)) {
    problems.push('tests/ has no test file (*.spec.ts, *.test.ts, or .js alike)');
  }
  if (!existsSync(referencePath)) problems.push(`reference/${manifest.artifact} is missing`);
  if (manifest.heldOut) problems.push(...heldOutProblems(directory, manifest.heldOut));
  if (problems.length > 0) throw new SpecInvalidError({ directory, problems });

  return stageOutsideNodeModules({
    name: manifest.name,
    title: manifest.title,
    description: manifest.description,
    directory,
    artifactFileName: manifest.artifact,
    taskPrompt: readFileSync(taskPath, 'utf8'),
    testsDirectory,
    referencePath,
    bugs: describedFiles(join(directory, 'bugs'), 'bug').map(({ file, head }) => {
      const caughtBy = CAUGHT_BY_COMMENT.exec(head)?.[1];
      return caughtBy ? { ...file, caughtBy } : file;
    }),
    variants: describedFiles(join(directory, 'variants'), 'variant').map(({ file }) => file),
    ...(manifest.equivalentMutants ? { equivalentMutants: manifest.equivalentMutants } : {}),
    ...(manifest.heldOut ? { heldOut: manifest.heldOut } : {}),
  });
}

/** Names of the folders of the specs directory that hold a spec.json (folders still being written are skipped). */
export function listSpecNames(options: SpecLookupOptions = {}): string[] {
  const specsDirectory = findSpecsDirectory(options);
  return readdirSync(specsDirectory)
    .filter((entry) => existsSync(join(specsDirectory, entry, 'spec.json')))
    .sort();
}

/** Every spec folder of the specs directory, validated. */
export function listSpecs(options: SpecLookupOptions = {}): SpecFolder[] {
  const specsDirectory = findSpecsDirectory(options);
  return listSpecNames({ ...options, specsDirectory }).map((name) => readSpecFolder(join(specsDirectory, name)));
}

/** True when loadSpec reads `nameOrPath` as a path to a spec folder, not as a name in the specs directory. */
export function isSpecPath(nameOrPath: string): boolean {
  return isAbsolute(nameOrPath) || nameOrPath.startsWith('.') || nameOrPath.includes('/') || nameOrPath.includes('\\');
}

/** A spec by name (`calculator`) or by path to its folder (`./specs/calculator`, absolute paths). */
export function loadSpec(nameOrPath: string, options: SpecLookupOptions = {}): SpecFolder {
  const cwd = options.cwd ?? process.cwd();
  if (isSpecPath(nameOrPath)) {
    const directory = resolve(cwd, nameOrPath);
    if (existsSync(join(directory, 'spec.json'))) return readSpecFolder(directory);
    if (isDirectory(directory)) throw new NotASpecFolderError(directory);
    // No such folder: name the specs there are (the lookup's specs directory, else the folder's parent).
    let specsDirectory = dirname(directory);
    try {
      specsDirectory = findSpecsDirectory(options);
    } catch {
      // No specs directory anywhere: the parent's spec folders, if any.
    }
    const availableSpecs = isDirectory(specsDirectory) ? readdirSync(specsDirectory).filter((entry) => existsSync(join(specsDirectory, entry, 'spec.json'))).sort() : [];
    throw new SpecNotFoundError({ spec: nameOrPath, specsDirectory, availableSpecs });
  }
  const specsDirectory = findSpecsDirectory(options);
  const availableSpecs = listSpecNames({ ...options, specsDirectory });
  if (!availableSpecs.includes(nameOrPath)) throw new SpecNotFoundError({ spec: nameOrPath, specsDirectory, availableSpecs });
  return readSpecFolder(join(specsDirectory, nameOrPath));
}
