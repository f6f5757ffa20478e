import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelUnreachableError } from '@ndli/models';
import { MockModel, type ScriptedResponse } from '@ndli/models/testing';
import { describe, expect, it } from 'vitest';
import { NdliConfigSchema, type NdliConfigInput } from '../config/config-schema.js';
import type { OrchestratorEvent } from '../events.js';
import { scriptedJudge } from '../test-support/scripted-judge.js';
import { StreamingUntilAborted } from '../test-support/streaming-model.js';
import { tinyApp, tinySpecsDirectory } from '../test-support/tiny-app.js';
import { transcriptAnswers } from '../test-support/transcript-answers.js';
import { fixScenario, oneShotScenario, passScenario, stallScenario } from '../transcripts/scenarios.js';
import { resumeRun, startRun } from './session.js';
import type { RunMode } from './run-metadata.js';

const specsDir = tinySpecsDirectory();
const correct = tinyApp(20);
const buggy = tinyApp(14);

const answers = transcriptAnswers;

function setup(options: { responses: ScriptedResponse[]; failing: string[][]; judgeErrors?: string[][]; config?: NdliConfigInput; mode?: RunMode }) {
  const cwd = mkdtempSync(join(tmpdir(), 'ndli-run-'));
  const events: OrchestratorEvent[] = [];
  const model = new MockModel({ modelId: 'scripted-test', responses: options.responses });
  const judge = scriptedJudge(options.failing, options.judgeErrors);
  const config = NdliConfigSchema.parse({ specsDir, maxRefinements: 4, ...options.config });
  const run = (signal?: AbortSignal) =>
    startRun({ cwd, specName: 'tiny', config, mode: options.mode ?? 'ndli', model, judge, onEvent: (event) => events.push(event), ...(signal ? { signal } : {}) });
  return { cwd, events, model, judge, run };
}

const fixAnswers = () => answers(fixScenario({ modelId: 'm', reference: correct, buggy, bugDescription: 'shows 14', fixTaskNames: ['fix_arithmetic'] }));

describe('ndli run: the nested loops', () => {
  it('turns a red first round green with a FIX round, and saves every step', async () => {
    const { run, model, events } = setup({ responses: fixAnswers(), failing: [['chains left to right'], []] });
    const outcome = await run();
    expect(outcome.status).toBe('passed');
    expect(outcome.metadata.rounds.map((round) => [round.kind, round.passed, round.total])).toEqual([
      ['init', 4, 5],
      ['fix', 5, 5],
    ]);
    expect(model.remaining).toBe(0);

    const directory = outcome.runDirectory;
    expect(readdirSync(directory).sort()).toEqual(['events.jsonl', 'round_1', 'round_2', 'run_metadata.json', 'tiny.html']);
    // (Ralph's evidence folder `ralph/` appears only with the real judge.)
    expect(readdirSync(join(directory, 'round_1')).sort()).toEqual(['calls', 'events.jsonl', 'run_metadata.json', 'state_final.json', 'state_init.json', 'state_refine_1.json', 'state_refine_2.json', 'tiny.html', 'verdict.json']);
    expect(readdirSync(join(directory, 'round_2')).sort()).toEqual(['calls', 'events.jsonl', 'run_metadata.json', 'state_final.json', 'state_fix.json', 'state_refine_1.json', 'tiny.html', 'verdict.json']);
    expect(readdirSync(join(directory, 'round_1', 'calls'))).toHaveLength(4);
    // The result at the run root is the green artifact.
    expect(readFileSync(join(directory, 'tiny.html'), 'utf8')).toBe(correct);

    // The FIX round's failure entered as an unsolved task with a blocker, and the REFINE prompt carried it.
    const stateFix = JSON.parse(readFileSync(join(directory, 'round_2', 'state_fix.json'), 'utf8')) as { unsolved_tasks: { name: string; blockers: string[] }[] };
    expect(stateFix.unsolved_tasks.map((task) => task.name)).toContain('fix_arithmetic');
    expect(stateFix.unsolved_tasks[0]?.blockers.join(' ')).toMatch(/shows 14 but the contract requires 20/);
    expect(model.requests[4]?.prompt).toContain('fix_arithmetic');
    // Every call is a fresh chat: system + one user prompt, nothing else carried over.
    expect(model.requests.every((request) => Object.keys(request).every((key) => ['system', 'prompt', 'schema', 'jsonSchema', 'schemaName', 'temperature', 'maxTokens', 'seed', 'abortSignal', 'onProgress'].includes(key)))).toBe(true);

    const metadata = JSON.parse(readFileSync(join(directory, 'run_metadata.json'), 'utf8')) as Record<string, unknown>;
    expect(metadata).toMatchObject({ status: 'passed', endReason: 'all-tests-passed', best: { round: 2, passed: 5, total: 5 }, model: { scripted: true } });
    expect(events.map((event) => event.type)).toContain('run-end');
    const lines = readFileSync(join(directory, 'events.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(lines.at(-1) ?? '{}')).toMatchObject({ type: 'run-end', status: 'passed' });
  });

  it('a regression is never the result: the next FIX builds on the best round, with the broken tests beside the still-failing ones', async () => {
    const transcript = fixScenario({ modelId: 'm', reference: correct, buggy, bugDescription: 'shows 14', fixTaskNames: ['fix_arithmetic'] });
    const responses = answers(transcript);
    // Round 2 regenerates the buggy app (a regression); round 3 the correct one.
    const round2 = [responses[4] ?? '', JSON.stringify({ html: buggy.replace('14', '13') })];
    // Round 3's REFINE must write new code for its FIX task: re-sending round 2's code would resolve nothing.
    const round3 = [String(responses[4] ?? '').replace('return 20;', 'return 4 * 5;'), ...responses.slice(5)];
    const { run, model, events } = setup({ responses: [...responses.slice(0, 4), ...round2, ...round3], failing: [['divides'], ['adds', 'subtracts'], []] });
    const outcome = await run();
    expect(outcome.status).toBe('passed');
    const verdicts = events.filter((event): event is Extract<OrchestratorEvent, { type: 'verdict' }> => event.type === 'verdict');
    expect(verdicts[1]?.regressedTitles).toEqual(['arithmetic › adds', 'arithmetic › subtracts']);
    expect(verdicts[1]?.best).toEqual({ round: 1, passed: 4, total: 5 });
    expect(outcome.metadata.rounds[1]?.regressedTitles).toEqual(['arithmetic › adds', 'arithmetic › subtracts']);
    // Round 3 builds on round 1 (the best), not on the regressed round 2 …
    expect(outcome.metadata.rounds.map((round) => round.anchorRound)).toEqual([undefined, 1, 1]);
    const directory = outcome.runDirectory;
    const stateFinal1 = readFileSync(join(directory, 'round_1', 'state_final.json'), 'utf8');
    const stateFix3 = JSON.parse(readFileSync(join(directory, 'round_3', 'state_fix.json'), 'utf8')) as { solved_tasks: unknown[]; unsolved_tasks: { blockers: string[] }[] };
    expect(stateFix3.solved_tasks.length).toBe((JSON.parse(stateFinal1) as { solved_tasks: unknown[] }).solved_tasks.length);
    // … and its blockers are the still-failing test and the two that round 2 broke, flagged as regressions.
    const blockers = stateFix3.unsolved_tasks.flatMap((task) => task.blockers).join('\n');
    expect(blockers).toMatch(/divides/);
    expect(blockers).toMatch(/adds/);
    expect(blockers).toMatch(/subtracts/);
    expect(model.requests[6]?.prompt).toMatch(/passed in an earlier round/);
  });

  it('anchors the best artifact at the run root when the run ends red', async () => {
    const transcript = fixScenario({ modelId: 'm', reference: correct, buggy, bugDescription: 'shows 14', fixTaskNames: ['fix_arithmetic'] });
    const worse = tinyApp(13);
    const responses = [...answers(transcript).slice(0, 5), JSON.stringify({ html: worse })];
    const { run } = setup({ responses, failing: [['divides'], ['adds', 'subtracts']], config: { maxRounds: 2 } });
    const outcome = await run();
    expect(outcome).toMatchObject({ status: 'failed', endReason: 'max-rounds' });
    expect(readFileSync(join(outcome.runDirectory, 'tiny.html'), 'utf8')).toBe(buggy);
  });

  it('ends as stalled when the same tests keep failing, and judges an identical artifact only once', async () => {
    const fixTasks = [{ name: 'fix_arithmetic', what_i_know: 'x', blockers: ['y'] }];
    const transcript = stallScenario({ modelId: 'm', buggy, fixTasks, fixRounds: 3, refineStallLimit: 2 });
    const { run, judge, events } = setup({ responses: answers(transcript), failing: [['divides']], config: { refineStallLimit: 2, stallRounds: 2, maxRestarts: 0 } });
    const outcome = await run();
    expect(outcome).toMatchObject({ status: 'stalled', endReason: 'same-failures-repeated' });
    expect(outcome.metadata.rounds[1]?.innerEndReason).toBe('stalled');
    // Round 2 wrote the very same app as round 1: its verdict is reused, no browser run.
    expect(judge.judged).toHaveLength(1);
    expect(outcome.metadata.rounds[1]?.verdictReusedFrom).toBe(1);
    expect(events.find((event) => event.type === 'judge-start' && event.round === 2)).toMatchObject({ reusedFrom: 1 });
    expect(existsSync(join(outcome.runDirectory, 'round_2', 'verdict.json'))).toBe(true);
  });

  it('stalls once into a fresh start: a new INIT with the failing behaviours as pitfalls, and its green artifact is the result', async () => {
    const fixTasks = [{ name: 'fix_arithmetic', what_i_know: 'x', blockers: ['y'] }];
    const stalled = answers(stallScenario({ modelId: 'm', buggy, fixTasks, fixRounds: 1, refineStallLimit: 2 }));
    const fresh = answers(passScenario({ modelId: 'm', reference: correct }));
    const { run, events, model } = setup({ responses: [...stalled, ...fresh], failing: [['divides'], []], config: { refineStallLimit: 2, stallRounds: 2 } });
    const outcome = await run();
    expect(outcome).toMatchObject({ status: 'passed', endReason: 'all-tests-passed' });
    expect(model.remaining).toBe(0);
    expect(outcome.metadata.restarts).toBe(1);
    expect(outcome.metadata.rounds.map((round) => [round.kind, round.attempt])).toEqual([
      ['init', 1],
      ['fix', 1],
      ['restart', 2],
    ]);
    expect(outcome.metadata.best).toEqual({ round: 3, passed: 5, total: 5 });
    expect(readFileSync(join(outcome.runDirectory, 'tiny.html'), 'utf8')).toBe(correct);
    const restart = events.find((event): event is Extract<OrchestratorEvent, { type: 'restart' }> => event.type === 'restart');
    expect(restart).toMatchObject({ round: 3, attempt: 2, fromAttempt: 1, failingTests: ['arithmetic › divides'], restartsLeft: 0 });
    // The fresh INIT starts from nothing: a state_init.json, no state_fix.json.
    expect(existsSync(join(outcome.runDirectory, 'round_3', 'state_init.json'))).toBe(true);
    expect(existsSync(join(outcome.runDirectory, 'round_3', 'state_fix.json'))).toBe(false);
    expect(events.find((event) => event.type === 'round-start' && event.round === 3)).toMatchObject({ kind: 'restart', fixTasks: 1 });
  });

  it('keeps the best artifact of all attempts when the fresh start does worse', async () => {
    const fixTasks = [{ name: 'fix_arithmetic', what_i_know: 'x', blockers: ['y'] }];
    const stalled = answers(stallScenario({ modelId: 'm', buggy, fixTasks, fixRounds: 1, refineStallLimit: 2 }));
    const worse = tinyApp(13);
    const fresh = answers(passScenario({ modelId: 'm', reference: worse }));
    const { run } = setup({ responses: [...stalled, ...fresh], failing: [['divides'], ['adds', 'divides']], config: { refineStallLimit: 2, stallRounds: 2, maxRounds: 3 } });
    const outcome = await run();
    expect(outcome).toMatchObject({ status: 'failed', endReason: 'max-rounds' });
    expect(outcome.metadata.best?.round).toBe(1);
    expect(readFileSync(join(outcome.runDirectory, 'tiny.html'), 'utf8')).toBe(buggy);
  });

  it('--no-fix judges the inner loop once; --one-shot makes a single GENERATE call', async () => {
    const inner = setup({ responses: answers(passScenario({ modelId: 'm', reference: buggy })), failing: [['adds']], mode: 'inner' });
    expect(await inner.run()).toMatchObject({ status: 'failed', endReason: 'no-fix-rounds' });
    expect(inner.judge.judged).toHaveLength(1);

    const oneShot = setup({ responses: answers(oneShotScenario({ modelId: 'm', html: correct })), failing: [[]], mode: 'one-shot' });
    const outcome = await oneShot.run();
    expect(outcome).toMatchObject({ status: 'passed' });
    expect(oneShot.model.requests).toHaveLength(1);
    expect(oneShot.model.requests[0]?.schemaName).toBe('generated_artifact');
  });

  it('a token budget stops the round in progress at the call that uses it up, with the best artifact and true totals kept', async () => {
    // The same run without a budget: what round 1 costs.
    const free = setup({ responses: fixAnswers(), failing: [['adds'], []] });
    const round1 = (await free.run()).metadata.rounds[0]!.tokens;
    const budget = round1.prompt + round1.completion + 1;
    const { run, judge } = setup({ responses: fixAnswers(), failing: [['adds'], []], config: { budgets: { maxTotalTokens: budget } } });
    const outcome = await run();
    expect(outcome).toMatchObject({ status: 'failed', endReason: 'budget-tokens' });
    expect(judge.judged).toHaveLength(1);
    // Round 2 stopped after its first call (REFINE), before GENERATE.
    const round2 = outcome.metadata.rounds[1]!;
    expect(round2.status).toBe('generating');
    expect(readdirSync(join(outcome.runDirectory, 'round_2', 'calls'))).toHaveLength(1);
    expect(existsSync(join(outcome.runDirectory, 'round_2', 'tiny.html'))).toBe(false);
    expect(existsSync(join(outcome.runDirectory, 'tiny.html'))).toBe(true);
    const saved = JSON.parse(readFileSync(join(outcome.runDirectory, 'run_metadata.json'), 'utf8')) as { tokens: { prompt: number; completion: number } };
    expect(saved.tokens.prompt + saved.tokens.completion).toBeGreaterThanOrEqual(budget);
    expect(saved.tokens).toEqual({ prompt: round1.prompt + round2.tokens.prompt, completion: round1.completion + round2.tokens.completion });
    expect(round2.calls).toBe(1);
    expect(round2.tokens.prompt).toBeGreaterThan(0);
  });
});

describe('budgets inside a round', () => {
  it('the token budget aborts the model call in flight as its streamed tokens reach it', async () => {
    const { cwd } = setup({ responses: [], failing: [] });
    const config = NdliConfigSchema.parse({ specsDir, maxRefinements: 4, budgets: { maxTotalTokens: 50 } });
    const judge = scriptedJudge([[]]);
    const outcome = await startRun({ cwd, specName: 'tiny', config, mode: 'ndli', model: new StreamingUntilAborted(), judge });
    expect(outcome).toMatchObject({ status: 'failed', endReason: 'budget-tokens' });
    expect(outcome.metadata.rounds[0]?.status).toBe('generating');
    expect(judge.judged).toHaveLength(0);
  });
});

describe('interruption and failures keep every saved step', () => {
  it('Ctrl-C after the first verdict → interrupted; resume finishes without redoing round 1', async () => {
    const responses = fixAnswers();
    const controller = new AbortController();
    const { cwd, events } = setup({ responses: [], failing: [] });
    const config = NdliConfigSchema.parse({ specsDir, maxRefinements: 4 });
    const first = await startRun({
      cwd,
      specName: 'tiny',
      config,
      mode: 'ndli',
      model: new MockModel({ responses }),
      judge: scriptedJudge([['adds'], []]),
      signal: controller.signal,
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'round-end' && event.round === 1) controller.abort('interrupted');
      },
    });
    expect(first.status).toBe('interrupted');
    expect(first.metadata.rounds).toHaveLength(1);
    const runEnd = events.find((event): event is Extract<OrchestratorEvent, { type: 'run-end' }> => event.type === 'run-end');
    expect(runEnd?.resumeCommand).toContain(`pnpm ndli resume ${first.runDirectory}`);

    // The resumed run answers only the calls not made yet (round 2).
    const resumedModel = new MockModel({ responses: responses.slice(4) });
    const judge = scriptedJudge([[]]);
    const resumed = await resumeRun({ cwd, runDirectory: first.runDirectory, model: resumedModel, judge });
    expect(resumed.status).toBe('passed');
    expect(resumedModel.remaining).toBe(0);
    expect(judge.judged).toHaveLength(1);
    expect(resumed.metadata.resumes).toBe(1);
    expect(resumed.metadata.rounds.map((round) => round.passed)).toEqual([4, 5]);
  });

  it('a model server that goes away mid-run → error with the resume command; resume completes', async () => {
    const responses = fixAnswers();
    const unreachable = new ModelUnreachableError({ provider: 'lmstudio', modelId: 'm', baseUrl: 'ws://127.0.0.1:1234', hint: 'lms server start' });
    const { cwd } = setup({ responses: [], failing: [] });
    const config = NdliConfigSchema.parse({ specsDir, maxRefinements: 4 });
    const failed = await startRun({ cwd, specName: 'tiny', config, mode: 'ndli', model: new MockModel({ responses: [...responses.slice(0, 4), unreachable] }), judge: scriptedJudge([['adds'], []]) });
    expect(failed).toMatchObject({ status: 'error', endReason: 'MODEL_UNREACHABLE' });
    expect(failed.metadata.error?.message).toMatch(/Cannot reach/);
    expect(failed.metadata.rounds[0]?.status).toBe('judged');

    const resumed = await resumeRun({ cwd, runDirectory: failed.runDirectory, model: new MockModel({ responses: responses.slice(4) }), judge: scriptedJudge([[]]) });
    expect(resumed.status).toBe('passed');
  });

  it('refuses a second writer while the run is alive, and frees the directory when it ends', async () => {
    const { cwd } = setup({ responses: [], failing: [] });
    const config = NdliConfigSchema.parse({ specsDir, maxRefinements: 4 });
    let releaseJudge: () => void = () => undefined;
    const judgeHeld = new Promise<void>((resolve) => (releaseJudge = resolve));
    const scripted = scriptedJudge([[]]);
    let judging: () => void = () => undefined;
    const judgeStarted = new Promise<void>((resolve) => (judging = resolve));
    const slowJudge = { ...scripted, run: async (input: Parameters<typeof scripted.run>[0]) => (judging(), await judgeHeld, scripted.run(input)) };
    const running = startRun({ cwd, specName: 'tiny', config, mode: 'ndli', model: new MockModel({ responses: answers(passScenario({ modelId: 'm', reference: correct })) }), judge: slowJudge });
    await judgeStarted;
    const runDirectory = join(cwd, 'output', readdirSync(join(cwd, 'output'))[0] ?? '');
    await expect(resumeRun({ cwd, runDirectory })).rejects.toMatchObject({ code: 'DIRECTORY_IN_USE', message: expect.stringMatching(/is in progress \(pid \d+\); wait or stop it/) as unknown });
    releaseJudge();
    expect((await running).status).toBe('passed');
    expect(existsSync(join(runDirectory, 'ndli.lock'))).toBe(false);
  });

  it('refuses to resume a run that already ended', async () => {
    const { run, cwd } = setup({ responses: answers(passScenario({ modelId: 'm', reference: correct })), failing: [[]] });
    const done = await run();
    await expect(resumeRun({ cwd, runDirectory: done.runDirectory })).rejects.toThrow(/already ended \(passed/);
  });
});

describe('judge errors: the harness failed, not the app', () => {
  it('a judge error is judged once more; twice → the run ends judge-error, no FIX round; resume re-judges to PASSED', async () => {
    // An injected harness error: "divides" cannot be judged, in both judgings.
    const { run, model, judge: harness, events, cwd } = setup({ responses: answers(passScenario({ modelId: 'm', reference: correct })), failing: [[], []], judgeErrors: [['divides'], ['divides']] });
    const outcome = await run();
    expect(outcome).toMatchObject({ status: 'judge-error', endReason: 'harness-could-not-judge' });
    expect(model.remaining).toBe(0);
    expect(harness.judged).toHaveLength(2);
    // Each judging has its own evidence folder: two judges never share one.
    expect(new Set(harness.outputDirectories).size).toBe(2);
    const round = outcome.metadata.rounds[0]!;
    expect(round).toMatchObject({ outcome: 'judge-error', judgeErrors: 1, judgeErrorTitles: ['arithmetic › divides'], rejudged: true, passed: 4 });
    expect(outcome.metadata.rounds).toHaveLength(1);
    expect(existsSync(join(outcome.runDirectory, 'round_1', 'verdict_judge_error_1.json'))).toBe(true);
    expect(events.filter((event) => event.type === 'rejudge')).toHaveLength(1);
    const runEnd = events.find((event): event is Extract<OrchestratorEvent, { type: 'run-end' }> => event.type === 'run-end');
    expect(runEnd?.resumeCommand).toContain('ndli resume');

    const rejudge = scriptedJudge([[]]);
    const resumed = await resumeRun({ cwd, runDirectory: outcome.runDirectory, model: new MockModel({ responses: [] }), judge: rejudge });
    expect(resumed).toMatchObject({ status: 'passed', endReason: 'all-tests-passed' });
    expect(rejudge.judged).toHaveLength(1);
    expect(resumed.metadata.rounds).toHaveLength(1);
  });

  it('a verdict with nothing failing and skips only is green', async () => {
    const { run, judge } = setup({ responses: answers(passScenario({ modelId: 'm', reference: correct })), failing: [[]] });
    const scripted = judge.run;
    // The spec skips one test on purpose: it is left out of total.
    judge.run = async (input) => {
      const verdict = await scripted(input);
      const [skipped, ...rest] = verdict.tests;
      return { ...verdict, tests: [{ ...skipped!, status: 'skipped' }, ...rest], total: rest.length, passed: rest.length, skipped: 1 };
    };
    const outcome = await run();
    expect(outcome).toMatchObject({ status: 'passed', endReason: 'all-tests-passed' });
    expect(outcome.metadata.rounds[0]).toMatchObject({ outcome: 'green', passed: 4, total: 4 });
  });

  it('a judge error that clears on the re-judge is green', async () => {
    const { run, judge: harness } = setup({ responses: answers(passScenario({ modelId: 'm', reference: correct })), failing: [[], []], judgeErrors: [['divides']] });
    const outcome = await run();
    expect(outcome.status).toBe('passed');
    expect(harness.judged).toHaveLength(2);
  });

  it('real failures beside a judge error are FIXed; the judge error is never a blocker', async () => {
    const { run, model } = setup({ responses: fixAnswers(), failing: [['chains left to right'], []], judgeErrors: [['divides'], []] });
    const outcome = await run();
    expect(outcome.status).toBe('passed');
    expect(outcome.metadata.rounds[0]).toMatchObject({ outcome: 'red', judgeErrors: 1, failingTitles: ['arithmetic › chains left to right'] });
    const stateFix = readFileSync(join(outcome.runDirectory, 'round_2', 'state_fix.json'), 'utf8');
    expect(stateFix).toMatch(/chains left to right/);
    expect(stateFix).not.toMatch(/ENOENT|divides/);
    expect(model.remaining).toBe(0);
  });
});
