import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { contractSections, COVERAGE_FILE } from '@ndli/ralph';
import { OrchestratorError } from '../errors.js';
import { findStartUrl, rewriteStartUrl, type UrlRewrite } from './start-url.js';
import { folderReadme, placeholderReference, SEEDED_FOLDERS, titleOf } from './scaffold-templates.js';
import { newSpecDirectory, writeFiles } from './scaffold-spec-folder.js';

export interface ImportSpecOptions {
  /** The folder of Playwright tests to bring in. */
  testsDirectory: string;
  /** The task description (the prompt a model receives); default: a task.md beside the tests, else a TODO. */
  task?: string;
  /** A correct implementation (one HTML file); default: a placeholder to replace. */
  reference?: string;
  /** The spec's name (default: from the folder's name). */
  name?: string;
  /** Where the spec folder goes (default ./specs). */
  parent: string;
  cwd: string;
}

export interface ImportSpecResult {
  directory: string;
  name: string;
  rewrites: UrlRewrite[];
  /** What the user still has to do or should know (a TODO task, a placeholder reference, URLs left alone). */
  notes: string[];
}

/** Not copied: what a Playwright run or a package install leaves in a test folder. */
const SKIPPED = new Set(['node_modules', 'test-results', 'playwright-report', 'blob-report', '.cache']);
const SOURCE_FILE = /\.[cm]?[jt]sx?$/;
const TEST_FILE = /\.(?:spec|test)\.[cm]?[jt]sx?$/;
const CONFIG_FILE = /^playwright\.config\.[cm]?[jt]s$/;
/** A test or fixture that asks for Playwright's HTTP client: `async ({ request })`, `{ page, request }`. */
const REQUEST_FIXTURE = /\(\s*\{[^}]*\brequest\b[^}]*\}\s*(?:,[^)]*)?\)\s*=>/;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => SOURCE_FILE.test(file) && !file.split(/[\\/]/).some((part) => SKIPPED.has(part)))
    .filter((file) => statSync(join(directory, file)).isFile())
    .sort();
}

function kebabName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The suite's own name: its folder's, or its parent's when the folder is a generic `tests`/`e2e`. */
function defaultName(testsDirectory: string): string {
  const own = basename(testsDirectory);
  return kebabName(/^(?:tests?|e2e|specs?|playwright)$/i.test(own) ? basename(dirname(testsDirectory)) : own) || 'imported';
}

/**
 * Refuses a suite NDLI cannot judge: one that starts a web server of its own (`webServer` in its Playwright config)
 * or talks to a backend through Playwright's `request` fixture. NDLI judges one HTML file, which it serves itself,
 * with the network closed.
 */
function refuseServerSuites(testsDirectory: string, files: readonly string[]): void {
  for (const folder of [testsDirectory, dirname(testsDirectory)]) {
    for (const entry of existsSync(folder) ? readdirSync(folder) : []) {
      if (!CONFIG_FILE.test(entry)) continue;
      if (/\bwebServer\b/.test(readFileSync(join(folder, entry), 'utf8'))) {
        throw new OrchestratorError(
          'USAGE',
          `${join(folder, entry)} starts a web server (webServer): this suite tests an app with a server of its own.`,
          'NDLI generates and judges a single self-contained HTML file, which it serves itself with no network: a suite that needs a server or backend cannot be its spec.',
        );
      }
    }
  }
  for (const file of files) {
    if (REQUEST_FIXTURE.test(readFileSync(join(testsDirectory, file), 'utf8'))) {
      throw new OrchestratorError(
        'USAGE',
        `${join(testsDirectory, file)} uses Playwright's \`request\` fixture: it talks to a backend over HTTP.`,
        'NDLI judges a single HTML file with no server and no network: leave the API tests out of the folder you import.',
      );
    }
  }
}

/**
 * coverage.json for the imported folder: the suite's own when it has one; else each Rules or Clarifications section of
 * the task with no tests named yet, so `ndli spec check` says which rules still need their tests mapped (it never
 * passes a mapping nobody wrote).
 */
function importedCoverage(folders: readonly string[], task: string): { text: string; note?: string } {
  const own = folders.map((folder) => join(folder, COVERAGE_FILE)).find((path) => existsSync(path));
  if (own) return { text: readFileSync(own, 'utf8') };
  const sections = contractSections(task);
  const entries = sections.map((section) => ({ section: section.heading, quote: section.text, tests: [] as string[] }));
  const text = `${JSON.stringify({ entries }, null, 2)}\n`;
  if (sections.length === 0) return { text, note: `task.md has no "## Rules" or "## Clarifications" section: write the rules the tests check under one, and map each sentence to its tests in ${COVERAGE_FILE} (ndli spec check requires both).` };
  return { text, note: `${COVERAGE_FILE} quotes task.md's ${sections.map((section) => section.heading).join(' and ')} whole, with no tests yet: split it into sentences and name the tests that check each (ndli spec check holds them to task.md).` };
}

/** The first heading of a task description, as a one-line description. */
function descriptionOf(task: string, name: string): string {
  const heading = /^#+\s*(.+)$/m.exec(task)?.[1]?.trim();
  return heading ?? `${titleOf(name)} (imported Playwright suite)`;
}

/**
 * Makes a spec folder from a folder of Playwright tests: the tests copied as they are (helpers, fixtures, data files
 * too) but for one rewrite, the hard-coded start URL made `/` (the judge serves the app at the suite's baseURL); the
 * task description as task.md; the reference, when given. Says what it changed and what is left to do.
 */
export function importSpecFolder(options: ImportSpecOptions): ImportSpecResult {
  const testsDirectory = resolve(options.cwd, options.testsDirectory);
  if (!existsSync(testsDirectory) || !statSync(testsDirectory).isDirectory()) {
    throw new OrchestratorError('USAGE', `${testsDirectory} is not a folder.`, 'Give the folder that holds your Playwright test files (*.spec.ts or *.test.ts).');
  }
  const files = sourceFiles(testsDirectory);
  if (!files.some((file) => TEST_FILE.test(file))) {
    throw new OrchestratorError('USAGE', `${testsDirectory} holds no Playwright test file (*.spec.ts, *.test.ts, or .js alike).`, 'Give the folder that holds your Playwright test files.');
  }
  refuseServerSuites(testsDirectory, files);

  const name = options.name ?? defaultName(testsDirectory);
  const directory = newSpecDirectory(name, options.parent, options.cwd);
  if ((directory + sep).startsWith(testsDirectory + sep)) {
    throw new OrchestratorError('USAGE', `The spec folder ${directory} would be inside the tests it copies.`, 'Pick another --dir.');
  }
  const notes: string[] = [];

  cpSync(testsDirectory, join(directory, 'tests'), {
    recursive: true,
    filter: (source) => !relative(testsDirectory, source).split(/[\\/]/).some((part) => SKIPPED.has(part) || CONFIG_FILE.test(part)),
  });
  const sources = new Map(files.map((file) => [file, readFileSync(join(testsDirectory, file), 'utf8')]));
  const start = findStartUrl([...sources.values()]);
  const rewrites: UrlRewrite[] = [];
  if (start) {
    for (const [file, text] of sources) {
      const rewritten = rewriteStartUrl(text, start.url, `tests/${file.split(sep).join('/')}`);
      if (rewritten.rewrites.length === 0) continue;
      writeFileSync(join(directory, 'tests', file), rewritten.text);
      rewrites.push(...rewritten.rewrites);
    }
    for (const other of start.others) notes.push(`left alone: ${other} (another site: a test that goes there is reported as a spec error, the network being closed).`);
  } else {
    notes.push('no hard-coded start URL found: the tests already navigate relative to the baseURL (`page.goto(\'/\')`), or not at all.');
  }

  const taskPath = options.task ? resolve(options.cwd, options.task) : [join(dirname(testsDirectory), 'task.md'), join(testsDirectory, 'task.md')].find((path) => existsSync(path));
  if (options.task && (!taskPath || !existsSync(taskPath))) throw new OrchestratorError('USAGE', `No task description at ${taskPath ?? options.task}.`, 'Give --task a Markdown file: what to build, the DOM contract your tests rely on, the rules.');
  const task = taskPath ? readFileSync(taskPath, 'utf8') : `# Build ${titleOf(name)}\n\nTODO: what to build, the DOM contract the tests rely on (selectors, texts, roles), every rule with an example.\n`;
  if (!taskPath) notes.push('task.md is a TODO: write what to build and the DOM contract the tests rely on (or pass --task <file>).');

  const referencePath = options.reference ? resolve(options.cwd, options.reference) : undefined;
  if (referencePath && !existsSync(referencePath)) throw new OrchestratorError('USAGE', `No reference at ${referencePath}.`, 'Give --reference one self-contained HTML file that passes the suite.');
  if (!referencePath) notes.push(`reference/${name}.html is a placeholder: put a correct app there (ndli spec check verifies it passes every test).`);

  const coverage = importedCoverage([dirname(testsDirectory), testsDirectory], task);
  if (coverage.note) notes.push(coverage.note);

  writeFiles(directory, {
    'spec.json': `${JSON.stringify({ name, title: titleOf(name), artifact: `${name}.html`, description: descriptionOf(task, name) }, null, 2)}\n`,
    'task.md': task,
    [COVERAGE_FILE]: coverage.text,
    [`reference/${name}.html`]: referencePath ? readFileSync(referencePath, 'utf8') : placeholderReference(titleOf(name)),
    ...SEEDED_FOLDERS,
    'README.md': folderReadme(name, titleOf(name), true),
  });
  return { directory, name, rewrites, notes };
}
