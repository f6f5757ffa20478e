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
