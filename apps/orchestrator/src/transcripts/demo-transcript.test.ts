import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReasoningStateSchema, runLatentLoop, type LatentEvent } from '@ndli/latent-core';
import { readTranscript } from '@ndli/models';
import { MockModel } from '@ndli/models/testing';
import { describe, expect, it } from 'vitest';
import { transcriptAnswers } from '../test-support/transcript-answers.js';
import { resolveBundledTranscript } from './bundled-transcripts.js';

// The bundled demo is SCRIPTED. Its answers go through the real inner loop here (no Chromium): the
// demo must never show a task counted as solved that was dropped, nor lean on the loop's repairs.
describe('the bundled demo transcript', () => {
  const path = resolveBundledTranscript('demo');
  if (!path) throw new Error('transcripts/demo.jsonl is missing: run pnpm --filter @ndli/orchestrator build:demo');
  const transcript = readTranscript(path);
  const answers = transcriptAnswers(transcript);
  const fixAnswer = ReasoningStateSchema.parse(JSON.parse(String(answers[4])));
  const fixTaskNames = fixAnswer.solved_tasks.flatMap((task) => task.resolves ?? []);

  it('round 1 (changes answers) and the FIX round account for every task, with no retry or warning', async () => {
    const task = 'Build the calculator.';
    const first = await runLatentLoop({ model: new MockModel({ responses: answers.slice(0, 4) }), task, artifactFileName: 'calculator.html', directory: mkdtempSync(join(tmpdir(), 'demo-1-')) });
    expect(first).toMatchObject({ endReason: 'all-solved', refinements: 2, retries: 0, warnings: [] });
    expect(first.iterations.every((round) => round.status === 'accepted')).toBe(true);

    expect(fixTaskNames.length).toBeGreaterThan(0);
    const failures = fixTaskNames.map((name) => ({ name, blockers: [`Why does the behaviour group of ${name} fail?`] }));
    const events: LatentEvent[] = [];
    const fix = await runLatentLoop({
      model: new MockModel({ responses: answers.slice(4) }),
      task,
      artifactFileName: 'calculator.html',
      directory: mkdtempSync(join(tmpdir(), 'demo-2-')),
      mode: { kind: 'fix', previousState: first.finalState, failures },
      onEvent: (event) => events.push(event),
    });
    expect(fix).toMatchObject({ endReason: 'all-solved', refinements: 1, retries: 0, warnings: [] });
    expect(fix.iterations[0]?.resolved).toEqual(fixTaskNames);
    expect(events.some((event) => event.type === 'warning')).toBe(false);
  });
});
