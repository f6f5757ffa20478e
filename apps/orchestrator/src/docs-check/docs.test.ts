import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CommanderError, type Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProgram } from '../cli.js';
import { DEMO_ARGUMENTS } from '../test-support/demo-command.js';
import { runCli } from '../test-support/run-cli.js';
import { checkInvocation, type InvocationCheck } from './check-invocation.js';
import { isPlaceholder, ndliInvocations } from './command-line.js';
import { brokenLinks } from './link-check.js';
import { parseMarkdown, type MarkdownDocument } from './markdown-document.js';
import { userDocuments } from './user-documents.js';

// The docs cannot rot silently: every `ndli …` line the README and the docs show (fenced blocks and inline code) is
// checked against the program commander builds, the quick offline ones run, and relative links resolve.
const REPOSITORY = fileURLToPath(new URL('../../../../', import.meta.url));
const README = join(REPOSITORY, 'README.md');
const SPEC_NAMES = readdirSync(join(REPOSITORY, 'specs'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(REPOSITORY, 'specs', entry.name, 'spec.json')))
  .map((entry) => entry.name);


interface Shown extends InvocationCheck {
  page: string;
  text: string;
  words: string[];
}

function everyCommand(command: Command): Command[] {
  return [command, ...command.commands.flatMap(everyCommand)];
}

/** The program, its exits and output kept in this process (help must not end the test run). */
function quietProgram(): { program: Command; output: () => string } {
  let output = '';
  const program = createProgram(() => undefined);
  for (const command of everyCommand(program)) command.exitOverride().configureOutput({ writeOut: (text) => (output += text), writeErr: (text) => (output += text) });
  return { program, output: () => output };
}

describe('the docs', () => {
  let documents: MarkdownDocument[];
  let shown: Shown[];

  beforeAll(() => {
    documents = userDocuments(REPOSITORY).map((path) => parseMarkdown(path));
    const { program } = quietProgram();
    shown = documents.flatMap((document) =>
      document.code.flatMap((code) =>
        ndliInvocations(code.text).map((invocation) => ({
          page: relative(REPOSITORY, document.path),
          ...invocation,
          ...checkInvocation(program, invocation.words, { complete: code.fenced, specNames: SPEC_NAMES }),
        })),
      ),
    );
  });

  it('README is at most 10 KB and starts with the two commands CI and a new user run', () => {
    expect(readFileSync(README).byteLength).toBeLessThanOrEqual(10 * 1024);
    const first = documents.find((document) => document.path === README)?.code.find((code) => code.fenced)?.text ?? '';
    expect(first).toMatch(/^bash scripts\/setup\.sh\b/m);
    expect(first).toMatch(/^pnpm test\b/m);
    expect(readFileSync(join(REPOSITORY, '.ci', 'run'), 'utf8')).toMatch(/^pnpm test\b/m);
  });

  it('show only commands, options and values the CLI has', () => {
    expect(shown.length).toBeGreaterThan(20);
    const problems = shown.flatMap((invocation) => invocation.problems.map((problem) => `${invocation.page}: \`${invocation.text}\` — ${problem}`));
    expect(problems).toEqual([]);
  });

  it('README names every command of the CLI', () => {
    const { program } = quietProgram();
    const inReadme = new Set(shown.filter((invocation) => invocation.page === 'README.md').map((invocation) => invocation.path[0]));
    expect(program.commands.map((command) => command.name()).filter((name) => !inReadme.has(name))).toEqual([]);
  });

  it('every command shown has its help (rendered by the program itself)', async () => {
    const paths = [...new Map(shown.map((invocation) => [invocation.path.join(' '), invocation.path])).values()];
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) {
      const { program, output } = quietProgram();
      const ended = await program.parseAsync([...path, '--help'], { from: 'user' }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(ended, path.join(' ')).toBeInstanceOf(CommanderError);
      expect((ended as CommanderError).code, path.join(' ')).toBe('commander.helpDisplayed');
      expect(output(), path.join(' ')).toMatch(new RegExp(`^Usage: ndli ${path.join(' ')}`.trimEnd()));
    }
  });

  it('`ndli --help` runs as shown', async () => {
    const result = await runCli(['--help'], mkdtempSync(join(tmpdir(), 'ndli-docs-help-')));
    expect(result.code).toBe(0);
    for (const command of quietProgram().program.commands) expect(result.stdout).toContain(command.name());
  });

  it('`ndli spec new` lines run as shown, in an empty folder', async () => {
    const lines = shown.filter((invocation) => invocation.path.join(' ') === 'spec new' && invocation.positional.length > 0 && invocation.problems.length === 0 && !invocation.options.has('--help'));
    expect(lines.length).toBeGreaterThan(0);
    for (const words of new Set(lines.map((invocation) => invocation.words.map((word) => (isPlaceholder(word) ? 'example-app' : word)).join('\u0000')))) {
      const args = words.split('\u0000');
      const cwd = mkdtempSync(join(tmpdir(), 'ndli-docs-spec-'));
      const result = await runCli(args, cwd);
      expect(result.code, `${args.join(' ')}\n${result.stdout}\n${result.stderr}`).toBe(0);
      const dir = args[args.indexOf('--dir') + 1] ?? 'specs';
      const folder = resolve(cwd, args.includes('--dir') ? dir : 'specs', args[2] ?? '');
      expect(readdirSync(folder).length, folder).toBeGreaterThan(0);
    }
  });

  it('one `ndli test` of a bundled file runs as shown: green for a reference or variant, red for a seeded bug', async () => {
    const judged = shown.find(
      (invocation) => invocation.path[0] === 'test' && invocation.problems.length === 0 && invocation.positional.length === 2 && existsSync(join(REPOSITORY, invocation.positional[1] ?? '')),
    );
    expect(judged, 'the docs show `ndli test <spec> <a bundled file>`').toBeDefined();
    if (!judged) return;
    const file = judged.positional[1] ?? '';
    const result = await runCli(judged.words, REPOSITORY);
    expect(result.code, `${judged.text}\n${result.stdout}\n${result.stderr}`).toBe(file.includes('/bugs/') ? 1 : 0);
  }, 120_000);

  it('the scripted demo shown is the one `pnpm demo` and the end-to-end test run', () => {
    const demos = shown.filter((invocation) => invocation.options.get('--model') === 'replay/demo');
    expect(demos.length).toBeGreaterThan(0);
    for (const demo of demos) expect(demo.words.slice(0, DEMO_ARGUMENTS.length), `${demo.page}: ${demo.text}`).toEqual(DEMO_ARGUMENTS);
    const scripts = (JSON.parse(readFileSync(join(REPOSITORY, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.demo).toBe(`pnpm ndli ${DEMO_ARGUMENTS.join(' ')}`);
  });

  it('links between the README, docs/ and the package READMEs resolve, #anchors included', () => {
    expect(documents.flatMap((document) => document.links).length).toBeGreaterThan(10);
    expect(brokenLinks(documents)).toEqual([]);
  });
});
