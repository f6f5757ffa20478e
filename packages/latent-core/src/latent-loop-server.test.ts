import { join } from 'node:path';
import { OpenAICompatibleModel } from '@ndli/models';
import { startChatCompletionServer, type ChatCompletionServer } from '@ndli/models/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { runLatentLoop } from './latent-loop.js';
import { CALCULATOR_HTML, CALCULATOR_TASK, INIT_STATE, REFINE_1_STATE, REFINE_2_STATE, artifactJson, stateJson, temporaryDirectory } from './test-fixtures/calculator-states.js';
import { readJson } from './test-fixtures/run-files.js';

// A real HTTP server speaking the OpenAI chat completions API, answering from a SCRIPT (no model).

const servers: ChatCompletionServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

type Json = Record<string, unknown>;

/** The JSON schema a chat completion request sent, from `response_format.json_schema.schema`. */
function sentSchema(body: Json): Json {
  return ((body['response_format'] as Json)['json_schema'] as Json)['schema'] as Json;
}

function resolvesOf(schema: Json): Json | undefined {
  const solved = (schema['properties'] as Json)['solved_tasks'] as Json;
  return ((solved['items'] as Json)['properties'] as Json)['resolves'] as Json | undefined;
}

describe('runLatentLoop over an OpenAI-compatible server (scripted answers)', () => {
  it('sends each call the schema of its state, and mends the "resolves: [calculator]" slip in one request', async () => {
    // Every solved task of REFINE 1 names a task that does not exist: the slip a real model made with the field.
    const slipped = { ...REFINE_1_STATE, solved_tasks: REFINE_1_STATE.solved_tasks.slice(INIT_STATE.solved_tasks.length).map((task) => ({ ...task, resolves: ['calculator'] })) };
    const server = await startChatCompletionServer({
      steps: [stateJson(INIT_STATE), stateJson(slipped), stateJson(REFINE_2_STATE), artifactJson(CALCULATOR_HTML)].map((content) => ({ content, chunkSize: 4096 })),
    });
    servers.push(server);
    const directory = await temporaryDirectory();
    const model = new OpenAICompatibleModel('scripted-model', { baseUrl: server.baseUrl, maxRetries: 0 });
    const result = await runLatentLoop({ model, task: CALCULATOR_TASK, artifactFileName: 'calculator.html', directory });

    // One request per phase call: the slip cost no retry.
    expect(server.received).toHaveLength(4);
    expect(result).toMatchObject({ endReason: 'all-solved', calls: 4, retries: 0 });
    const [init, refine1, refine2] = server.received.map((request) => sentSchema(request.body));
    expect(resolvesOf(init!)).toBeUndefined();
    expect(resolvesOf(refine1!)).toMatchObject({ items: { enum: ['digit_input', 'operator_handling', 'equals_function', 'keyboard_support'] } });
    expect(resolvesOf(refine2!)).toMatchObject({ items: { enum: ['keyboard_support'] } });

    expect(await readJson(join(directory, 'calls/002-refine.json'))).toMatchObject({
      request: { jsonSchema: refine1 },
      mends: [{ kind: 'resolves-unknown-task', task: 'calculator' }, { kind: 'resolves-unknown-task' }, { kind: 'resolves-unknown-task' }],
    });
    expect(await readJson(join(directory, 'state_refine_1.json'))).toEqual(REFINE_1_STATE);
    expect(result.iterations[0]?.resolved).toEqual(['digit_input', 'operator_handling', 'equals_function']);
  });
});
