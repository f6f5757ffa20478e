import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTranscript } from '@ndli/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunMetadataSchema } from '../run/run-metadata.js';
import { runCli } from '../test-support/run-cli.js';
import { fixScenario } from '../transcripts/scenarios.js';

// A plain Playwright suite, as people write them (goto, reload, goBack, localStorage, expect.poll, test.step, a page
// object fixture, beforeEach/afterEach, parallel mode), brought into a spec folder OUTSIDE the repository with
// `ndli spec import` — which changes nothing but its hard-coded start URL — then judged, checked and generated
// against with the real CLI and real Chromium. Nothing installed beside it: `@playwright/test` resolves to the judge's.
const FIXTURE = fileURLToPath(new URL('../../../../packages/ralph/src/test-fixtures/plain-suite/todo-app', import.meta.url));
const ROUTING_BUG = 'active-shows-all';

describe('a plain Playwright suite as a spec folder outside the repository (real Chromium)', () => {
  let cwd: string;
  let imported: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'ndli-plain-suite-'));
    cpSync(FIXTURE, join(cwd, 'todo-app'), { recursive: true });
    imported = await runCli(['spec', 'import', 'todo-app/tests', '--task', 'todo-app/task.md', '--reference', 'todo-app/todo.html', '--name', 'todo', '--dir', 'specs'], cwd);
    // The seeded bugs a spec's author adds after the import.
    cpSync(join(cwd, 'todo-app', 'bugs'), join(cwd, 'specs', 'todo', 'bugs'), { recursive: true });
  }, 60_000);

  it('imports the suite changing only its start URL, and says so', () => {
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("tests/todo.spec.ts:7  'https://todo.example.com/' → '/'");
    expect(imported.stdout).toContain("tests/todo-fixture.spec.ts:14  'https://todo.example.com/' → '/'");
    for (const file of ['todo.spec.ts', 'todo-fixture.spec.ts', 'support/todos.ts']) {
      const original = readFileSync(join(FIXTURE, 'tests', file), 'utf8');
      expect(readFileSync(join(cwd, 'specs', 'todo', 'tests', file), 'utf8'), file).toBe(original.replaceAll("'https://todo.example.com/'", "'/'"));
    }
  });

  it('passes its reference: every test, with goto, reload, goBack, localStorage, expect.poll and test.step', async () => {
    const result = await runCli(['test', 'specs/todo', 'specs/todo/reference/todo.html', '--json'], cwd);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    const verdict = JSON.parse(result.stdout) as { total: number; passed: number; judgeErrors: unknown[] };
    expect(verdict).toMatchObject({ total: 18, passed: 18, judgeErrors: [] });
  }, 240_000);

  it('catches its seeded bugs and gets a mutation score from ndli spec check', async () => {
    const result = await runCli(['spec', 'check', 'specs/todo', '--max-mutants', '3', '--json'], cwd);
    const report = JSON.parse(result.stdout) as { ok: boolean; checks: Array<{ name: string; ok: boolean; problems: string[] }>; mutation?: { outcomes: unknown[]; score: { score: number } } };
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.checks.map((check) => check.name)).toContain('every seeded bug is caught (3)');
    expect(report.mutation?.outcomes).toHaveLength(3);
    expect(report.mutation?.score.score).toBeGreaterThan(0);
    expect(report.ok, result.stdout).toBe(true);
  }, 400_000);

  it('drives ndli run --model replay/…: a red round naming the failing test, a FIX round, green', async () => {
    const reference = readFileSync(join(cwd, 'specs', 'todo', 'reference', 'todo.html'), 'utf8');
    const buggy = readFileSync(join(cwd, 'specs', 'todo', 'bugs', `${ROUTING_BUG}.html`), 'utf8').replace(/^(?:<!--[^]*?-->\n)+/, '');
    const transcript = join(cwd, 'todo.jsonl');
    writeTranscript(transcript, fixScenario({ modelId: 'scripted-todo', reference, buggy, bugDescription: 'the Active filter shows completed items too', fixTaskNames: ['fix_routing'] }));
    const result = await runCli(['run', 'specs/todo', '--model', `replay/${transcript}`], cwd);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    const [runName] = readdirSync(join(cwd, 'output')).filter((entry) => entry.startsWith('run_'));
    const runDirectory = join(cwd, 'output', runName ?? '');
    const metadata = RunMetadataSchema.parse(JSON.parse(readFileSync(join(runDirectory, 'run_metadata.json'), 'utf8')));
    expect(metadata).toMatchObject({ status: 'passed' });
    expect(metadata.rounds.map((round) => round.kind)).toEqual(['init', 'fix']);
    const firstVerdict = JSON.parse(readFileSync(join(runDirectory, 'round_1', 'verdict.json'), 'utf8')) as { failures: Array<{ describePath: string[]; title: string; actions: string[] }>; judgeErrors: unknown[] };
    expect(firstVerdict.judgeErrors).toEqual([]);
    expect(firstVerdict.failures.map((failure) => [...failure.describePath, failure.title].join(' › ')).sort()).toEqual(['Routing › should allow me to display active items', 'Routing › should respect the back button']);
    // The evidence names the test's own actions: Playwright's steps and the test's `test.step`s.
    const back = firstVerdict.failures.find((failure) => failure.title === 'should respect the back button');
    expect(back?.actions).toEqual(expect.arrayContaining(['step: Showing active items', 'Go back']));
  }, 400_000);
});
