import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { writeTranscript, type Transcript } from '@ndli/models';
import { CHROMIUM_ARGS, loadSpec, resolveBrowser, runSpecs, toFixBlockers } from '@ndli/ralph';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrialResultSchema, type TrialResult } from '../bench/trial-result.js';
import { runCli, startCli } from '../test-support/run-cli.js';
import { tinySpecsDirectory } from '../test-support/tiny-app.js';
import { fixScenario, oneShotScenario, passScenario, schemaFailureScenario, stallScenario } from '../transcripts/scenarios.js';

/**
 * A bench over two SCRIPTED models (directories of per-spec transcripts, replayed — no model involved)
 * and two small target apps: "fixer" repairs its `tiny` bug in a FIX round; "staller" never repairs it
 * and writes invalid JSON for `tiny-seven`. Every trial is a real `ndli run` judged by Ralph in real Chromium.
 */
const read = (path: string) => readFileSync(path, 'utf8');

function writeModel(directory: string, transcripts: Record<string, Transcript>): string {
  mkdirSync(directory, { recursive: true });
  for (const [name, transcript] of Object.entries(transcripts)) writeTranscript(join(directory, `${name}.jsonl`), transcript);
  return directory;
}

function results(benchDirectory: string): TrialResult[] {
  return read(join(benchDirectory, 'results.jsonl')).trim().split('\n').map((line) => TrialResultSchema.parse(JSON.parse(line)));
}

function group(all: readonly TrialResult[], model: string, spec: string, mode: string): TrialResult[] {
  return all.filter((result) => result.model.endsWith(model) && result.spec === spec && result.mode === mode);
}

describe('ndli bench / report / compare over scripted models', () => {
  let cwd: string;
  let specsDirectory: string;
  let benchDirectory: string;
  let bench: { code: number | null; stdout: string };

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'ndli-bench-'));
    // Two small target apps keep the bench quick; the machinery is the same as for the calculator spec.
    specsDirectory = tinySpecsDirectory();
    const first = loadSpec('tiny', { specsDirectory });
    const second = loadSpec('tiny-seven', { specsDirectory });
    const firstBug = first.bugs[0];
    const secondBug = second.bugs[0];
    if (!firstBug || !secondBug) throw new Error('the tiny specs need seeded bugs');
    // The staller's REFINEs hand back exactly the FIX tasks Ralph makes of the bug, unchanged.
    const fixTasks = toFixBlockers(await runSpecs({ spec: first, artifact: firstBug.path }));
    writeModel(join(cwd, 'models', 'fixer'), {
      'tiny.ndli': fixScenario({ modelId: 'fixer', reference: read(first.referencePath), buggy: read(firstBug.path), bugDescription: firstBug.description, fixTaskNames: fixTasks.map((task) => task.name) }),
      'tiny.one-shot': oneShotScenario({ modelId: 'fixer', html: read(firstBug.path) }),
      'tiny-seven.ndli': passScenario({ modelId: 'fixer', reference: read(second.referencePath) }),
      'tiny-seven.one-shot': oneShotScenario({ modelId: 'fixer', html: read(second.referencePath) }),
    });
    writeModel(join(cwd, 'models', 'staller'), {
      'tiny.ndli': stallScenario({ modelId: 'staller', buggy: read(firstBug.path), fixTasks, fixRounds: 2, refineStallLimit: 2 }),
      'tiny.one-shot': oneShotScenario({ modelId: 'staller', html: read(first.referencePath) }),
      'tiny-seven.ndli': schemaFailureScenario({ modelId: 'staller', attempts: 3 }),
      'tiny-seven.one-shot': oneShotScenario({ modelId: 'staller', html: read(secondBug.path) }),
    });
    // --max-restarts 0: the staller's transcript scripts no fresh start, and what is measured here is its stall.
    const result = await runCli(
      ['bench', '--models', 'replay/models/fixer,replay/models/staller', '--specs', 'tiny,tiny-seven', '--modes', 'ndli,one-shot', '--trials', '2', '--concurrency', '2', '--id', 'scripted', '--max-rounds', '3', '--max-restarts', '0', '--specs-dir', specsDirectory],
      cwd,
    );
    bench = { code: result.code, stdout: result.stdout + result.stderr };
    benchDirectory = join(cwd, 'bench', 'scripted');
  }, 600_000);

  it('runs every trial as a full run with its own run directory, streaming one result line each', () => {
    expect(bench.code, bench.stdout).toBe(0);
    const all = results(benchDirectory);
    expect(all).toHaveLength(2 * 2 * 2 * 2);
    expect(readdirSync(join(benchDirectory, 'runs'))).toHaveLength(16);
    for (const result of all) expect(existsSync(join(benchDirectory, result.runDirectory, 'run_metadata.json'))).toBe(true);
    expect(bench.stdout).toMatch(/SCRIPTED/);
  });

  it('measures each loop per model: the FIX round is what turns the fixer green', () => {
    const all = results(benchDirectory);
    const fixer = group(all, 'fixer', 'tiny', 'ndli');
    expect(fixer.map((result) => result.status)).toEqual(['passed', 'passed']);
    expect(fixer.every((result) => result.rounds.length === 2 && result.rounds[0]!.passed < result.rounds[0]!.total)).toBe(true);
    expect(group(all, 'fixer', 'tiny', 'one-shot').map((result) => result.status)).toEqual(['failed', 'failed']);
    expect(group(all, 'staller', 'tiny', 'ndli').map((result) => [result.status, result.endReason])).toEqual([
      ['stalled', 'same-failures-repeated'],
      ['stalled', 'same-failures-repeated'],
    ]);
    // No usable answer is the model's own failure, not an infrastructure error: it counts.
    expect(group(all, 'staller', 'tiny-seven', 'ndli').map((result) => [result.status, result.errorCode, result.errorCause])).toEqual([
      ['failed', 'PHASE_OUTPUT_INVALID', undefined],
      ['failed', 'PHASE_OUTPUT_INVALID', undefined],
    ]);
    expect(group(all, 'staller', 'tiny-seven', 'ndli')[0]?.truncations).toBeGreaterThan(0);
  });

  it('summarises pass@k, pass rate per round, cost per verified pass and failure causes', () => {
    const summary = JSON.parse(read(join(benchDirectory, 'summary.json'))) as { groups: { model: string; spec: string; mode: string; passAtK: number[]; passRateByRound: number[]; tokensPerVerifiedPass?: number; failureCauses: Record<string, number> }[] };
    const find = (model: string, spec: string, mode: string) => summary.groups.find((entry) => entry.model.endsWith(model) && entry.spec === spec && entry.mode === mode);
    expect(find('fixer', 'tiny', 'ndli')).toMatchObject({ passAtK: [1, 1], passRateByRound: [0, 1] });
    expect(find('fixer', 'tiny', 'one-shot')).toMatchObject({ passAtK: [0, 0], passRateByRound: [0] });
    expect(find('fixer', 'tiny', 'one-shot')?.tokensPerVerifiedPass).toBeUndefined();
    expect(find('staller', 'tiny', 'ndli')?.failureCauses).toMatchObject({ stalls: 2 });
    expect(find('staller', 'tiny-seven', 'ndli')?.failureCauses).toMatchObject({ schemaFailures: 2 });
    expect(find('staller', 'tiny-seven', 'ndli')).toMatchObject({ trials: 2, passes: 0, infrastructureErrors: { total: 0 } });
    // Cost per verified pass: all tokens of the group over its passes (2).
    const fixerTrials = group(results(benchDirectory), 'fixer', 'tiny', 'ndli');
    const tokens = fixerTrials.reduce((sum, result) => sum + result.tokens.prompt + result.tokens.completion, 0);
    expect(find('fixer', 'tiny', 'ndli')?.tokensPerVerifiedPass).toBe(tokens / 2);
  });

  it('writes a self-contained HTML report whose charts render in headless Chromium', async () => {
    const report = await runCli(['report', benchDirectory], cwd);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toMatch(/\| model \| spec \| mode \|/);
    const html = read(join(benchDirectory, 'report.html'));
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    const browser = await chromium.launch({ executablePath: resolveBrowser().executablePath, args: [...CHROMIUM_ARGS] });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(`file://${join(benchDirectory, 'report.html')}`);
      await expect(page.locator('svg[data-chart="pass-rate"] rect[data-bar]').count()).resolves.toBe(8);
      await expect(page.locator('svg[data-chart="pass-by-round"] polyline').count()).resolves.toBe(8);
      await expect(page.locator('svg[data-chart="cost"] rect[data-bar]').count()).resolves.toBe(8);
      const box = await page.locator('svg[data-chart="pass-rate"]').boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      await expect(page.locator('a[href$="run_metadata.json"]').count()).resolves.toBe(16);
      const screenshot = join(benchDirectory, 'report.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      expect(statSync(screenshot).size).toBeGreaterThan(10_000);
      expect(requests.every((url) => url.startsWith('file://'))).toBe(true);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('compare flags only a significant drop beyond the threshold, and then exits non-zero (usable in CI)', async () => {
    const same = await runCli(['compare', benchDirectory, benchDirectory], cwd);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/No regression/);
    // A second bench where the fixer's tiny trials failed.
    const worse = join(cwd, 'bench', 'worse');
    mkdirSync(worse, { recursive: true });
    writeFileSync(join(worse, 'bench.json'), read(join(benchDirectory, 'bench.json')).replace('"id": "scripted"', '"id": "worse"'));
    const degraded = results(benchDirectory).map((result) => (result.model.endsWith('fixer') && result.spec === 'tiny' && result.mode === 'ndli' ? { ...result, status: 'failed', rounds: result.rounds.slice(0, 1), best: result.rounds[0] } : result));
    writeFileSync(join(worse, 'results.jsonl'), degraded.map((result) => JSON.stringify(result)).join('\n') + '\n');
    const regressed = await runCli(['compare', benchDirectory, worse], cwd);
    // 2 → 0 of 2 passes is a 100-point drop, but two trials cannot show it is not chance (p = 1/6).
    expect(regressed.code).toBe(0);
    expect(regressed.stdout).toMatch(/↓ .*fixer · tiny · ndli: pass@1 2\/2 = 100% \[\d+–100%\] → 0\/2 = 0% .*one-sided Fisher p = 0\.17/);
    const loose = await runCli(['compare', benchDirectory, worse, '--alpha', '0.2'], cwd);
    expect(loose.code).toBe(1);
    expect(loose.stdout).toMatch(/REGRESSION .*fixer · tiny · ndli/);
  }, 60_000);

  it('refuses a second coordinator while the bench directory is locked by a live process', async () => {
    const lockFile = join(benchDirectory, 'ndli.lock');
    // This test process is alive: its lock must be respected, not taken over.
    writeFileSync(lockFile, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), command: 'ndli bench' }));
    try {
      const second = await runCli(['bench', '--resume', 'scripted'], cwd);
      expect(second.code, second.stdout + second.stderr).toBe(2);
      expect(second.stderr).toContain(`is in progress (pid ${process.pid}); wait or stop it`);
      expect(results(benchDirectory)).toHaveLength(16);
    } finally {
      rmSync(lockFile, { force: true });
    }
  }, 120_000);

  it('a killed bench resumes without redoing finished trials', async () => {
    const args = ['bench', '--models', 'replay/models/fixer', '--specs', 'tiny', '--modes', 'ndli', '--trials', '2', '--concurrency', '1', '--id', 'killed', '--specs-dir', specsDirectory];
    const directory = join(cwd, 'bench', 'killed');
    const { child, done } = startCli(args, cwd);
    const resultsFile = join(directory, 'results.jsonl');
    while (!existsSync(resultsFile) || read(resultsFile).trim() === '') await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGKILL');
    await done;
    const before = results(directory);
    // One trial at a time: the kill comes as the first result line is written, before the second trial ends.
    expect(before.length).toBe(1);

    const resumed = await runCli(['bench', '--resume', 'killed'], cwd);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    // The killed coordinator's lock is left behind; its process is gone, so the resume takes it over.
    expect(resumed.stdout).toMatch(/took over the lock of pid \d+/);
    const after = results(directory);
    expect(after.map((result) => result.trial).sort()).toEqual([1, 2]);
    // Finished trials are kept as they were, not run again.
    for (const finished of before) expect(after.find((result) => result.trial === finished.trial)?.finishedAt).toBe(finished.finishedAt);
    expect(after.every((result) => result.status === 'passed')).toBe(true);
  }, 300_000);
});
