import { MockModel, type ScriptedResponse } from '@ndli/models/testing';
import type { LatentEvent } from '../events.js';
import { runLatentLoop, type LatentLoopOptions } from '../latent-loop.js';
import { CALCULATOR_TASK, temporaryDirectory } from './calculator-states.js';

/** Runs the calculator task to its end on SCRIPTED answers, collecting every event. */
export async function runScripted(responses: ScriptedResponse[], options: Partial<LatentLoopOptions> = {}) {
  const model = new MockModel({ responses, modelId: 'qwen2.5-coder-7b-instruct' });
  const directory = options.directory ?? (await temporaryDirectory());
  const events: LatentEvent[] = [];
  const result = await runLatentLoop({ model, task: CALCULATOR_TASK, artifactFileName: 'calculator.html', directory, onEvent: (event) => events.push(event), ...options });
  return { model, directory, events, result };
}
