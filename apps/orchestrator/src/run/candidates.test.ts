import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LANGUAGE_MODEL_INTERFACE_VERSION, ModelAbortedError, ModelUnreachableError, type GenerateObjectRequest, type GenerateObjectResult, type LanguageModel } from '@ndli/models';
import { MockModel, type ScriptedResponse } from '@ndli/models/testing';
import type { Judge } from '@ndli/ralph';
import { describe, expect, it } from 'vitest';
import { NdliConfigSchema, type NdliConfigInput } from '../config/config-schema.js';
import type { OrchestratorEvent } from '../events.js';
import { artifactJudge } from '../test-support/scripted-judge.js';
import { tinyApp, tinySpecsDirectory } from '../test-support/tiny-app.js';
import { transcriptAnswers } from '../test-support/transcript-answers.js';
import { fixScenario, oneShotScenario, passScenario } from '../transcripts/scenarios.js';
import type { RunMode } from './run-metadata.js';
import { resumeRun, startRun } from './session.js';

const specsDir = tinySpecsDirectory();
const correct = tinyApp(20);
const artifact = (html: string) => JSON.stringify({ html });

/** Which scripted tests an artifact fails: 20 passes all, 14 fails one, 13 fails two. */
function failingFor(html: string): string[] {
  if (html.includes('return 20;')) return [];
  if (html.includes('return 14;')) return ['adds'];
  return ['adds', 'subtracts'];
}

function setup(options: { responses: ScriptedResponse[]; config: NdliConfigInput; judge?: Judge & { judged: string[] }; mode?: RunMode; model?: LanguageModel }) {
  const cwd = mkdtempSync(join(tmpdir(), 'ndli-candidates-'));
  const events: OrchestratorEvent[] = [];
  const mock = new MockModel({ modelId: 'scripted-candidates', responses: options.responses });
  const judge = options.judge ?? artifactJudge(failingFor);
  const config = NdliConfigSchema.parse({ specsDir, maxRefinements: 4, ...options.config });
  const run = () => startRun({ cwd, specName: 'tiny', config, mode: options.mode ?? 'ndli', model: options.model ?? mock, judge, onEvent: (event) => events.push(event) });
  return { events, mock, judge, run };
}

/** A round of the pass scenario (INIT, REFINE ×2, GENERATE of `first`), then one GENERATE answer per further candidate. */
function generateScopeAnswers(first: string, others: readonly (string | Error)[]): ScriptedResponse[] {
  return [...transcriptAnswers(passScenario({ modelId: 'm', reference: first })), ...others.map((other) => (other instanceof Error ? other : artifact(other)))];
}

describe('--candidates N: each round makes N artifacts, all judged, the best kept', () => {
  it('Ctrl-C between candidates keeps those made; resume makes only the rest', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ndli-candidates-resume-'));
    const config = NdliConfigSchema.parse({ specsDir, maxRefinements: 4, candidates: 3 });
    const controller = new AbortController();
    const answers = generateScopeAnswers(tinyApp(14), [tinyApp(13), correct]);
    const first = await startRun({
      cwd,
      specName: 'tiny',
      config,
      mode: 'inner',
      model: new MockModel({ responses: answers.slice(0, 5) }),
      judge: artifactJudge(failingFor),
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'latent' && event.candidate === 2 && event.event.type === 'artifact-saved') controller.abort('interrupted');
      },
    });
    expect(first.status).toBe('interrupted');
    expect(first.metadata.rounds[0]?.candidates?.map((candidate) => candidate.status)).toEqual(['generating', 'generating', 'generating']);
    const model = new MockModel({ responses: answers.slice(5) });
    const judge = artifactJudge(failingFor);
    const resumed = await resumeRun({ cwd, runDirectory: first.runDirectory, model, judge });
    expect(resumed.status).toBe('passed');
    expect(model.requests).toHaveLength(1);
    expect(judge.judged).toHaveLength(3);
    expect(resumed.metadata.rounds[0]?.selectedCandidate).toBe(3);
    // Tokens of the first session are kept: the run counts all six calls.
    expect(resumed.metadata.rounds[0]?.calls).toBe(6);
  });

  it('selects the candidate passing the most visible tests; every candidate is kept with its verdict; GENERATE samples get distinct seeds', async () => {
    const { run, mock, events } = setup({ responses: generateScopeAnswers(tinyApp(14), [tinyApp(13), correct]), config: { candidates: 3 }, mode: 'inner' });
    const outcome = await run();
    expect(outcome.status).toBe('passed');
    expect(mock.remaining).toBe(0);
    const round = outcome.metadata.rounds[0]!;
    expect(round.selectedCandidate).toBe(3);
    expect(round.candidates?.map((candidate) => [candidate.candidate, candidate.status, candidate.passed])).toEqual([
      [1, 'judged', 4],
      [2, 'judged', 3],
      [3, 'judged', 5],
    ]);
    for (const candidate of [1, 2, 3]) {
      expect(existsSync(join(outcome.runDirectory, 'round_1', 'candidates', String(candidate), 'verdict.json'))).toBe(true);
      expect(existsSync(join(outcome.runDirectory, 'round_1', 'candidates', String(candidate), 'tiny.html'))).toBe(true);
    }
    // The round's artifact and the run's result are the selected candidate's.
    expect(readFileSync(join(outcome.runDirectory, 'round_1', 'tiny.html'), 'utf8')).toBe(correct);
    expect(readFileSync(join(outcome.runDirectory, 'tiny.html'), 'utf8')).toBe(correct);
    // Candidates 2 and 3 GENERATE only (from the round's final state), each with its own seed.
    expect(mock.requests.map((request) => request.schemaName)).toEqual(['reasoning_state', 'reasoning_state', 'reasoning_state', 'generated_artifact', 'generated_artifact', 'generated_artifact']);
    expect(mock.requests.slice(3).map((request) => request.seed)).toEqual([undefined, 1, 2]);
    // The round's tokens are its candidates' sum, and the run's are the rounds'.
    const sum = round.candidates!.reduce((total, candidate) => total + candidate.tokens.prompt + candidate.tokens.completion, 0);
    expect(round.tokens.prompt + round.tokens.completion).toBe(sum);
    expect(outcome.metadata.tokens).toEqual(round.tokens);
    expect(events.find((event) => event.type === 'candidates-selected')).toMatchObject({ round: 1, selected: 3 });
  });

  it('breaks a tie in visible tests by fewer tokens (its own answer), then the lower number', async () => {
    const padded = tinyApp(14).replace('<body>', `<body><!-- ${'x'.repeat(400)} -->`);
    const { run } = setup({ responses: generateScopeAnswers(padded, [tinyApp(14), tinyApp(14).replace('<body>', '<body> ')]), config: { candidates: 3 }, mode: 'inner' });
    const outcome = await run();
    const round = outcome.metadata.rounds[0]!;
    expect(round.candidates?.map((candidate) => candidate.passed)).toEqual([4, 4, 4]);
    // Candidate 1's answer is the longest; 2 and 3 differ by a space (one token at most): 2 is not dearer than 3.
    expect(round.selectedCandidate).toBe(2);
  });

  it('judges identical candidates once and records whose verdict they reuse', async () => {
    const { run, judge } = setup({ responses: generateScopeAnswers(tinyApp(14), [tinyApp(14), tinyApp(14)]), config: { candidates: 3, maxRounds: 1 } });
    const outcome = await run();
    expect(judge.judged).toHaveLength(1);
    const candidates = outcome.metadata.rounds[0]!.candidates!;
    expect(candidates.map((candidate) => candidate.verdictReusedFrom)).toEqual([undefined, 'round_1/candidates/1/verdict.json', 'round_1/candidates/1/verdict.json']);
    expect(candidates.every((candidate) => candidate.status === 'judged' && candidate.passed === 4)).toBe(true);
  });

  it('a candidate whose model fails and one whose judge throws do not sink the round', async () => {
    const unreachable = new ModelUnreachableError({ provider: 'mock', modelId: 'm', baseUrl: 'http://127.0.0.1:1', hint: 'start it' });
    const broken = tinyApp(20).replace('<body>', '<body><!-- breaks the judge -->');
    const judge = artifactJudge((html) => {
      if (html.includes('breaks the judge')) throw new Error('Playwright crashed');
      return failingFor(html);
    });
    const { run, events } = setup({ responses: generateScopeAnswers(tinyApp(14), [unreachable, broken]), config: { candidates: 3, maxRounds: 1 }, judge });
    const outcome = await run();
    expect(outcome).toMatchObject({ status: 'failed', endReason: 'max-rounds' });
    const candidates = outcome.metadata.rounds[0]!.candidates!;
    expect(candidates.map((candidate) => [candidate.status, candidate.error?.code])).toEqual([
      ['judged', undefined],
      ['error', 'MODEL_UNREACHABLE'],
      ['error', 'UNEXPECTED_ERROR'],
    ]);
    expect(outcome.metadata.rounds[0]?.selectedCandidate).toBe(1);
    expect(events.filter((event) => event.type === 'candidate-error').map((event) => event.type === 'candidate-error' && event.stage)).toEqual(['generate', 'judge']);
  });

  it('FIX builds on the best candidate: its failures are the blockers', async () => {
    // Round 1: candidate 1 fails "adds" (14), candidate 2 fails two tests (13): the FIX works on candidate 1's failure.
    const fix = transcriptAnswers(fixScenario({ modelId: 'm', reference: correct, buggy: tinyApp(14), bugDescription: 'shows 14', fixTaskNames: ['fix_arithmetic'] }));
    const responses = [...fix.slice(0, 4), artifact(tinyApp(13)), ...fix.slice(4), artifact(correct)];
    const { run, mock } = setup({ responses, config: { candidates: 2 } });
    const outcome = await run();
    expect(outcome.status).toBe('passed');
    expect(mock.remaining).toBe(0);
    expect(outcome.metadata.rounds.map((round) => [round.kind, round.selectedCandidate, round.passed])).toEqual([
      ['init', 1, 4],
      ['fix', 1, 5],
    ]);
    const stateFix = JSON.parse(readFileSync(join(outcome.runDirectory, 'round_2', 'state_fix.json'), 'utf8')) as { unsolved_tasks: { blockers: string[] }[] };
    const blockers = stateFix.unsolved_tasks.flatMap((task) => task.blockers).join('\n');
    expect(blockers).toMatch(/"adds"/);
    expect(blockers).not.toMatch(/"subtracts"/);
  });

  it('loop scope runs N independent inner loops; one-shot makes N single calls', async () => {
    const loops = setup({ responses: [...transcriptAnswers(passScenario({ modelId: 'm', reference: tinyApp(14) })), ...transcriptAnswers(passScenario({ modelId: 'm', reference: correct }))], config: { candidates: 2, candidateScope: 'loop' }, mode: 'inner' });
    const outcome = await loops.run();
    expect(outcome.status).toBe('passed');
    expect(outcome.metadata.rounds[0]?.candidates?.map((candidate) => candidate.directory)).toEqual(['round_1', join('round_1', 'candidates', '2')]);
    expect(existsSync(join(outcome.runDirectory, 'round_1', 'candidates', '2', 'state_init.json'))).toBe(true);

    const oneShot = setup({ responses: [...transcriptAnswers(oneShotScenario({ modelId: 'm', html: tinyApp(13) })), artifact(correct)], config: { candidates: 2 }, mode: 'one-shot' });
    expect(await oneShot.run()).toMatchObject({ status: 'passed' });
    expect(oneShot.mock.requests).toHaveLength(2);
  });
});

/** Answers after `delayMs`, counting the calls in flight at once; or streams until aborted. */
class SlotModel implements LanguageModel {
  readonly interfaceVersion = LANGUAGE_MODEL_INTERFACE_VERSION;
  readonly provider = 'mock';
  readonly modelId = 'slots';
  readonly scripted = true;
  inFlight = 0;
  maxInFlight = 0;
  started = 0;
  constructor(
    private readonly inner: LanguageModel,
    private readonly behaviour: { delayMs: number } | { stream: true },
  ) {}

  async generateObject<OUTPUT>(request: GenerateObjectRequest<OUTPUT>): Promise<GenerateObjectResult<OUTPUT>> {
    this.started += 1;
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const behaviour = this.behaviour;
      if ('stream' in behaviour) {
        return await new Promise((_, reject) => {
          let tokens = 0;
          const timer = setInterval(() => request.onProgress?.({ completionTokens: (tokens += 10), elapsedMs: tokens }), 1);
          request.abortSignal?.addEventListener('abort', () => (clearInterval(timer), reject(new ModelAbortedError({ provider: this.provider, modelId: this.modelId }))));
        });
      }
      await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
      return await this.inner.generateObject(request);
    } finally {
      this.inFlight -= 1;
    }
  }
}

describe('--concurrency K: model calls in flight', () => {
  it('never has more than K calls in flight; the others wait', async () => {
    const answers = [...transcriptAnswers(oneShotScenario({ modelId: 'm', html: tinyApp(13) })), artifact(tinyApp(14)), artifact(correct), artifact(tinyApp(13))];
    const model = new SlotModel(new MockModel({ responses: answers }), { delayMs: 20 });
    const { run } = setup({ responses: [], model, config: { candidates: 4, concurrency: 2 }, mode: 'one-shot' });
    const outcome = await run();
    expect(outcome.status).toBe('passed');
    expect(model.started).toBe(4);
    expect(model.maxInFlight).toBe(2);
  });

  it('the token budget holds across concurrent calls: their streamed tokens add up, and no call starts after it is used up', async () => {
    const model = new SlotModel(new MockModel({ responses: [] }), { stream: true });
    const { run } = setup({ responses: [], model, config: { candidates: 4, candidateScope: 'loop', concurrency: 2, maxTokens: 100, budgets: { maxTotalTokens: 300 } } });
    const outcome = await run();
    expect(outcome).toMatchObject({ status: 'failed', endReason: 'budget-tokens' });
    // Two calls streamed ~150 tokens each when the sum reached the budget; the two waiting never started.
    expect(model.started).toBe(2);
    expect(outcome.metadata.rounds[0]?.status).toBe('generating');
  });

  it('refuses a concurrency whose calls in flight could overshoot the whole token budget, and --candidates 0', () => {
    expect(() => NdliConfigSchema.parse({ concurrency: 4, maxTokens: 8192, budgets: { maxTotalTokens: 20_000 } })).toThrow(/4 calls in flight .* more than the whole token budget \(20000\)/);
    expect(() => NdliConfigSchema.parse({ candidates: 0 })).toThrow(/candidates must be at least 1/);
    expect(() => NdliConfigSchema.parse({ concurrency: 0 })).toThrow(/concurrency must be at least 1/);
  });
});
