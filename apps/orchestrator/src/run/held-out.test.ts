import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockModel, type ScriptedResponse } from '@ndli/models/testing';
import { describe, expect, it } from 'vitest';
import { NdliConfigSchema, type NdliConfigInput } from '../config/config-schema.js';
import type { OrchestratorEvent } from '../events.js';
import { createJudge, loadSpec, partitionVerdict, verdictOutcome } from '@ndli/ralph';
import { artifactJudge } from '../test-support/scripted-judge.js';
import { TINY_HELD_OUT_TITLE, tinyApp, tinyOverfitApp, tinySpecsDirectory } from '../test-support/tiny-app.js';
import { transcriptAnswers } from '../test-support/transcript-answers.js';
import { fixScenario, passScenario } from '../transcripts/scenarios.js';
import { renderTimeline } from '../commands/inspect-command.js';
import { readRunTimeline } from '../inspect/run-timeline.js';
import { startRun } from './session.js';

// The `tiny-held-out` spec declares `"heldOut": { "tag": "@held-out" }`; the scripted judge tags "divides" with it.
const specsDir = tinySpecsDirectory();
const HELD_OUT = 'divides';
const buggy = tinyApp(14);
const fitted = tinyApp(20);
const general = tinyApp(20).replace('<body>', '<body><!-- general -->');

/** 14 fails "adds" (visible) and the held-out test; 20 fits the visible tests only; the general app passes all. */
function failingFor(html: string): string[] {
  if (html.includes('<!-- general -->')) return [];
  if (html.includes('return 20;')) return [HELD_OUT];
  return ['adds', HELD_OUT];
}

function setup(responses: ScriptedResponse[], config: NdliConfigInput) {
  const cwd = mkdtempSync(join(tmpdir(), 'ndli-held-out-'));
  const events: OrchestratorEvent[] = [];
  const model = new MockModel({ modelId: 'scripted-held-out', responses });
  const judge = artifactJudge(failingFor, { tags: { [HELD_OUT]: ['@held-out'] } });
  const run = () => startRun({ cwd, specName: 'tiny-held-out', config: NdliConfigSchema.parse({ specsDir, maxRefinements: 4, ...config }), mode: 'ndli', model, judge, onEvent: (event) => events.push(event) });
  return { cwd, run, model, events };
}

/** Every recorded request (system and user prompt) of a round, as its call files keep them. */
function recordedPrompts(runDirectory: string, round: number): string[] {
  const calls = join(runDirectory, `round_${round}`, 'calls');
  return readdirSync(calls)
    .sort()
    .map((file) => JSON.parse(readFileSync(join(calls, file), 'utf8')) as { request: { system: string; prompt: string } })
    .map((call) => `${call.request.system}\n${call.request.prompt}`);
}

const fix = transcriptAnswers(fixScenario({ modelId: 'm', reference: fitted, buggy, bugDescription: 'shows 14', fixTaskNames: ['fix_arithmetic'] }));

describe('held-out tests: judged every round, never shown to the model', () => {
  it('--held-out measure: visible green with a held-out failure ends the run overfit; no prompt ever names a held-out test', async () => {
    const { run, model } = setup(fix, { heldOut: 'measure' });
    const outcome = await run();
    expect(outcome).toMatchObject({ status: 'overfit', endReason: 'held-out-tests-failed' });
    expect(model.remaining).toBe(0);
    expect(outcome.metadata.heldOut).toEqual({ mode: 'measure' });
    // Visible and held-out pass rates apart.
    expect(outcome.metadata.rounds.map((round) => [round.passed, round.total, round.heldOutPassed, round.heldOutTotal, round.outcome, round.heldOutOutcome])).toEqual([
      [3, 4, 0, 1, 'red', 'red'],
      [4, 4, 0, 1, 'green', 'red'],
    ]);
    expect(outcome.metadata.rounds[0]?.failingTitles).toEqual(['arithmetic › adds']);
    expect(outcome.metadata.rounds[0]?.heldOutFailingTitles).toEqual(['arithmetic › divides']);
    // The FIX round's requests name the visible failure, never the held-out test (nor count it).
    const prompts = [...recordedPrompts(outcome.runDirectory, 1), ...recordedPrompts(outcome.runDirectory, 2)];
    expect(prompts.some((prompt) => prompt.includes('"adds"'))).toBe(true);
    expect(prompts.filter((prompt) => prompt.includes(HELD_OUT))).toEqual([]);
    expect(prompts.some((prompt) => /Overall 3\/4 tests pass/.test(prompt))).toBe(true);
    expect(readFileSync(join(outcome.runDirectory, 'round_2', 'state_fix.json'), 'utf8')).not.toContain(HELD_OUT);
    const timeline = renderTimeline(readRunTimeline(outcome.runDirectory));
    expect(timeline).toMatch(/status overfit \(held-out-tests-failed\)/);
    expect(timeline).toMatch(/Ralph: 4\/4 passed · held-out 0\/1 \(never shown to the model\)/);
  });

  it('--held-out reveal: the held-out failures become FIX blockers from the next round on, recorded in the metadata', async () => {
    const round3 = [String(fix[4] ?? '').replace('return 20;', 'return 4 * 5;'), JSON.stringify({ html: general })];
    const { run, model, events } = setup([...fix, ...round3], {});
    const outcome = await run();
    expect(outcome).toMatchObject({ status: 'passed', endReason: 'all-tests-passed' });
    expect(model.remaining).toBe(0);
    expect(outcome.metadata.heldOut).toEqual({ mode: 'reveal', revealedFromRound: 3 });
    expect(events.find((event) => event.type === 'held-out-revealed')).toMatchObject({ round: 3, failingTests: ['arithmetic › divides'] });
    for (const round of [1, 2]) expect(recordedPrompts(outcome.runDirectory, round).filter((prompt) => prompt.includes(HELD_OUT))).toEqual([]);
    expect(recordedPrompts(outcome.runDirectory, 3).some((prompt) => prompt.includes(HELD_OUT))).toBe(true);
    // Round 3 ties round 2 on the visible tests and passes more held-out ones: it is the result.
    expect(outcome.metadata.best).toMatchObject({ round: 3, passed: 4, total: 4, heldOutPassed: 1, heldOutTotal: 1 });
    expect(readFileSync(join(outcome.runDirectory, 'tiny-held-out.html'), 'utf8')).toBe(general);
  });

  it('selection uses held-out results only to break a tie in visible tests', async () => {
    const answers = [...transcriptAnswers(passScenario({ modelId: 'm', reference: fitted })), JSON.stringify({ html: general }), JSON.stringify({ html: buggy })];
    const { run } = setup(answers, { candidates: 3, maxRounds: 1 });
    const outcome = await run();
    const round = outcome.metadata.rounds[0]!;
    expect(round.candidates?.map((candidate) => [candidate.passed, candidate.heldOutPassed])).toEqual([
      [4, 0],
      [4, 1],
      [3, 0],
    ]);
    expect(round.selectedCandidate).toBe(2);
    expect(outcome.status).toBe('passed');
  });

  it('a spec whose held-out set names a missing test file, or a tag no test has, is refused before any model call', async () => {
    for (const heldOut of [{ files: ['tests/missing.spec.ts'] }, { tag: '@hidden' }]) {
      const root = tinySpecsDirectory();
      const manifest = join(root, 'tiny', 'spec.json');
      writeFileSync(manifest, JSON.stringify({ ...(JSON.parse(readFileSync(manifest, 'utf8')) as object), heldOut }));
      const model = new MockModel({ responses: [] });
      const config = NdliConfigSchema.parse({ specsDir: root });
      await expect(startRun({ cwd: mkdtempSync(join(tmpdir(), 'ndli-held-out-bad-')), specName: 'tiny', config, mode: 'ndli', model, judge: artifactJudge(() => []) })).rejects.toThrow(
        heldOut.files ? /heldOut\.files: tests\/missing\.spec\.ts does not exist/ : /no test in tests\/ is tagged @hidden/,
      );
      expect(model.requests).toHaveLength(0);
    }
  });
});

describe('held-out tests in real Chromium (the tiny-held-out fixture spec)', () => {
  it('a test tagged @held-out is told apart in the verdict: the fitted app is green on the visible tests only', async () => {
    const spec = loadSpec('tiny-held-out', { specsDirectory: specsDir });
    const directory = mkdtempSync(join(tmpdir(), 'ndli-held-out-judge-'));
    const artifact = join(directory, 'tiny-held-out.html');
    writeFileSync(artifact, tinyOverfitApp());
    const judge = createJudge({ workers: 1 });
    try {
      const verdict = await judge.run({ spec, artifact, outputDirectory: join(directory, 'ralph') });
      expect(verdict.tests.find((test) => test.title === TINY_HELD_OUT_TITLE)?.tags).toEqual(['@held-out']);
      const parts = partitionVerdict(verdict, spec.heldOut);
      expect([parts.visible.passed, parts.visible.total, verdictOutcome(parts.visible)]).toEqual([2, 2, 'green']);
      expect([parts.heldOut?.passed, parts.heldOut?.total, parts.heldOut?.failures.map((failure) => failure.title)]).toEqual([0, 1, [TINY_HELD_OUT_TITLE]]);
    } finally {
      await judge.close();
    }
    // One Chromium verdict: seconds alone, much longer on a loaded machine.
  }, 120_000);
});
