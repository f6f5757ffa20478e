import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockModel } from '@ndli/models/testing';
import { describe, expect, it } from 'vitest';
import { NdliConfigSchema } from '../config/config-schema.js';
import { readRunTimeline } from '../inspect/run-timeline.js';
import { startRun } from '../run/session.js';
import { scriptedJudge } from '../test-support/scripted-judge.js';
import { tinyApp, tinySpecsDirectory } from '../test-support/tiny-app.js';
import { transcriptAnswers } from '../test-support/transcript-answers.js';
import { fixScenario } from '../transcripts/scenarios.js';
import { renderTimeline } from './inspect-command.js';
import { viewCommand } from './view-command.js';
import { artifactJudge } from '../test-support/scripted-judge.js';
import { passScenario } from '../transcripts/scenarios.js';

describe('ndli inspect', () => {
  it('shows server retries, judge errors, regressions and the round each FIX built on', async () => {
    const correct = tinyApp(20);
    const buggy = tinyApp(14);
    const responses = transcriptAnswers(fixScenario({ modelId: 'm', reference: correct, buggy, bugDescription: 'shows 14', fixTaskNames: ['fix_arithmetic'] }));
    // SCRIPTED: round 2 writes a worse app (a regression), round 3 the correct one.
    const round2 = [responses[4] ?? '', JSON.stringify({ html: tinyApp(13) })];
    const outcome = await startRun({
      cwd: mkdtempSync(join(tmpdir(), 'ndli-inspect-')),
      specName: 'tiny',
      config: NdliConfigSchema.parse({ specsDir: tinySpecsDirectory(), maxRefinements: 4 }),
      mode: 'ndli',
      model: new MockModel({ responses: [...responses.slice(0, 4), ...round2, ...responses.slice(4)] }),
      judge: scriptedJudge([['divides'], ['adds'], []], [['multiplies'], [], []]),
    });
    expect(outcome.status).toBe('passed');
    // A call whose answer came after two failed transport attempts (as a provider records them).
    const callsDirectory = join(outcome.runDirectory, 'round_1', 'calls');
    const first = join(callsDirectory, readdirSync(callsDirectory).sort()[0] ?? '');
    const call = JSON.parse(readFileSync(first, 'utf8')) as Record<string, unknown>;
    const serverAttempts = [
      { attempt: 1, code: 'MODEL_HTTP_ERROR', message: 'busy', status: 503, delayMs: 500 },
      { attempt: 2, code: 'MODEL_UNREACHABLE', message: 'reset', delayMs: 1000 },
    ];
    // …and whose answer had a slip the inner loop mended without a retry (as latent-core records it).
    const mends = [{ kind: 'resolves-unknown-task', task: 'calculator', message: 'the solved task "display" resolves "calculator", which is not an open task: the entry was dropped (it resolves nothing)' }];
    writeFileSync(first, JSON.stringify({ ...call, serverAttempts, mends }));

    const text = renderTimeline(readRunTimeline(outcome.runDirectory));
    expect(text).toMatch(/0 fresh start\(s\) · 0 resume\(s\) · 2 server retries · 1 judge error\(s\) · 1 regressed round\(s\)/);
    expect(text).toMatch(/2 server retries \(MODEL_HTTP_ERROR 503, MODEL_UNREACHABLE\)/);
    expect(text).toMatch(/Ralph: 3\/5 passed · 1 judge error\(s\), not counted/);
    expect(text).toMatch(/not judged: arithmetic › multiplies/);
    expect(text).toMatch(/broke \(regression, never the result\): arithmetic › adds/);
    expect(text).toMatch(/Round 3 · fix · from round 1/);
    expect(text).toContain('      mended resolves-unknown-task: the solved task "display" resolves "calculator"');
  });
});

describe('ndli inspect and ndli view: calls whose answer was not JSON', () => {
  it('shows each such call as what it was: phase, attempt, error code and tokens', async () => {
    const answers = transcriptAnswers(passScenario({ modelId: 'm', reference: tinyApp(20) }));
    const cwd = mkdtempSync(join(tmpdir(), 'ndli-inspect-prose-'));
    // SCRIPTED: the model answers INIT with prose first (retried), and candidate 2's GENERATE too.
    const prose = 'Sure! Here is how I would build the app: first the display, then the keys.';
    const outcome = await startRun({
      cwd,
      specName: 'tiny',
      config: NdliConfigSchema.parse({ specsDir: tinySpecsDirectory(), maxRefinements: 4, candidates: 2 }),
      mode: 'inner',
      model: new MockModel({ responses: [prose, ...answers, prose, JSON.stringify({ html: tinyApp(14) })] }),
      judge: artifactJudge((html) => (html.includes('return 20;') ? [] : ['adds'])),
    });
    expect(outcome.status).toBe('passed');

    const timeline = readRunTimeline(outcome.runDirectory);
    const text = renderTimeline(timeline);
    expect(text).not.toMatch(/UNREADABLE_CALL_FILE/);
    const init = timeline.rounds[0]?.calls[0];
    expect(init).toMatchObject({ phase: 'init', attempt: 1, ok: false, solved: undefined });
    expect(init?.errorCode).toMatch(/^MODEL_OUTPUT/);
    expect(init?.promptTokens).toBeGreaterThan(0);
    expect(text).toMatch(new RegExp(`001-init\\.json\\s+init\\s+—\\s+\\d+\\+\\d+ tok .*✗ ${init?.errorCode ?? ''}`));
    expect(text).toMatch(/002-init\.json\s+init \(retry 1\)/);
    // Candidate 2's prose GENERATE, then its retry, under its own heading; the selected candidate marked.
    expect(timeline.rounds[0]?.candidates[0]?.calls.map((call) => [call.phase, call.attempt, call.ok])).toEqual([
      ['generate', 1, false],
      ['generate', 2, true],
    ]);
    expect(text).toMatch(/▶ candidate 1: 5\/5 passed/);
    expect(text).toMatch(/ {2}candidate 2 \(seed 1\): 4\/5 passed/);

    // The viewer reads the same run: every call, the prose one included, with its candidates.
    const controller = new AbortController();
    let run: { rounds: { calls: { file: string; record?: { phase: string; error?: { code?: string } }; problem?: string }[]; candidates?: { candidate: number; calls: unknown[] }[] }[] } | undefined;
    await viewCommand([join(cwd, 'output')], { port: 0 }, {
      cwd,
      signal: controller.signal,
      write: () => undefined,
      onListening: async (url) => {
        const index = (await (await fetch(`${url}api/index`)).json()) as { runs: { location: string }[] };
        run = (await (await fetch(`${url}api/run/${index.runs[0]?.location ?? ''}`)).json()) as typeof run;
        controller.abort();
      },
    });
    const calls = run?.rounds[0]?.calls ?? [];
    expect(calls[0]).toMatchObject({ file: 'calls/001-init.json', record: { phase: 'init', error: { code: init?.errorCode } } });
    expect(calls.every((call) => call.problem === undefined)).toBe(true);
    expect(run?.rounds[0]?.candidates?.map((candidate) => [candidate.candidate, candidate.calls.length])).toEqual([
      [1, 0],
      [2, 2],
    ]);
  });
});
