import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_ENUM_NAMES, reasoningStateCallSchema } from './call-schema.js';
import { ReasoningStateAnswerSchema, reasoningStateJsonSchema, type ReasoningState } from './reasoning-state.js';
import { CALCULATOR_HTML, INIT_STATE, REFINE_1_STATE, REFINE_2_STATE, artifactJson, stateJson } from './test-fixtures/calculator-states.js';
import { readEvents, readJson } from './test-fixtures/run-files.js';
import { runScripted } from './test-fixtures/scripted-loop.js';

type Json = Record<string, unknown>;

/** `properties.solved_tasks.items.properties.resolves` of a reasoning-state JSON schema. */
function resolvesOf(schema: Json): Json | undefined {
  const solved = (schema['properties'] as Json)['solved_tasks'] as Json;
  return ((solved['items'] as Json)['properties'] as Json)['resolves'] as Json | undefined;
}

/** Depth of nested objects and arrays, and every key used anywhere in the schema. */
function shape(value: unknown, depth = 0): { depth: number; keys: Set<string> } {
  if (typeof value !== 'object' || value === null) return { depth, keys: new Set() };
  const keys = new Set<string>(Array.isArray(value) ? [] : Object.keys(value));
  let deepest = depth;
  for (const child of Object.values(value)) {
    const inner = shape(child, depth + 1);
    deepest = Math.max(deepest, inner.depth);
    for (const key of inner.keys) keys.add(key);
  }
  return { depth: deepest, keys };
}

function stateWithOpenTasks(count: number): ReasoningState {
  return { ...INIT_STATE, unsolved_tasks: Array.from({ length: count }, (_, index) => ({ name: `behaviour_${index}`, what_i_know: '', blockers: ['Which rule applies?'] })) };
}

describe('reasoningStateCallSchema', () => {
  it('lists the open task names as the only values resolves may take, and has no resolves when none is open', () => {
    const refine = reasoningStateCallSchema(INIT_STATE);
    expect(refine.fallback).toBeUndefined();
    expect(resolvesOf(refine.jsonSchema)).toMatchObject({ type: 'array', items: { type: 'string', enum: ['digit_input', 'operator_handling', 'equals_function', 'keyboard_support'] } });
    expect(resolvesOf(reasoningStateCallSchema(undefined).jsonSchema)).toBeUndefined();
    expect(resolvesOf(reasoningStateCallSchema(REFINE_2_STATE).jsonSchema)).toBeUndefined();
  });

  it('keeps FIX task names exactly as they are', () => {
    const fix = { ...REFINE_2_STATE, unsolved_tasks: [{ name: 'fix_rule_3_binary-operators_fix_2', what_i_know: '', blockers: ['Why 14?'] }] };
    expect(resolvesOf(reasoningStateCallSchema(fix).jsonSchema)).toMatchObject({ items: { enum: ['fix_rule_3_binary-operators_fix_2'] } });
  });

  it('stays within what structured-output engines take: no $ref, pattern or not, the same bounded nesting as the plain schema', () => {
    const { jsonSchema } = reasoningStateCallSchema(INIT_STATE);
    const { depth, keys } = shape(jsonSchema);
    for (const forbidden of ['$ref', '$defs', 'pattern', 'not', 'if']) expect(keys.has(forbidden)).toBe(false);
    expect(depth).toBe(shape(reasoningStateJsonSchema).depth + 1);
  });

  it('zod accepts every answer the per-call schema allows, and an answer outside the enum too (the checks mend it)', () => {
    const inEnum = { ...REFINE_1_STATE, solved_tasks: [{ ...REFINE_1_STATE.solved_tasks[4]!, resolves: ['keyboard_support'] }] };
    expect(ReasoningStateAnswerSchema.safeParse(inEnum).success).toBe(true);
    const outside = { ...inEnum, solved_tasks: [{ ...REFINE_1_STATE.solved_tasks[4]!, resolves: ['calculator'] }] };
    expect(ReasoningStateAnswerSchema.safeParse(outside).success).toBe(true);
  });

  it('falls back to the plain schema above the bound, saying why', () => {
    const bounded = reasoningStateCallSchema(stateWithOpenTasks(MAX_ENUM_NAMES));
    expect(bounded.fallback).toBeUndefined();
    const over = reasoningStateCallSchema(stateWithOpenTasks(MAX_ENUM_NAMES + 1));
    expect(over.jsonSchema).toEqual(reasoningStateJsonSchema);
    expect(over.fallback).toContain(`${MAX_ENUM_NAMES + 1} open task name(s)`);
  });
});

describe('runLatentLoop: each call record keeps the schema sent (scripted answers)', () => {
  it('INIT without resolves, each REFINE with the names open before it', async () => {
    const { model, directory } = await runScripted([stateJson(INIT_STATE), stateJson(REFINE_1_STATE), stateJson(REFINE_2_STATE), artifactJson(CALCULATOR_HTML)]);
    const records = await Promise.all(['001-init', '002-refine', '003-refine'].map(async (name) => (await readJson(join(directory, `calls/${name}.json`))) as { request: { jsonSchema: Json } }));
    expect(resolvesOf(records[0]!.request.jsonSchema)).toBeUndefined();
    expect(resolvesOf(records[1]!.request.jsonSchema)).toMatchObject({ items: { enum: INIT_STATE.unsolved_tasks.map((task) => task.name) } });
    expect(resolvesOf(records[2]!.request.jsonSchema)).toMatchObject({ items: { enum: ['keyboard_support'] } });
    // The record is what was sent.
    expect(records[1]!.request.jsonSchema).toEqual(model.requests[1]?.jsonSchema);
    expect(await readJson(join(directory, 'calls/004-generate.json'))).toMatchObject({ request: { jsonSchema: { required: ['html'] } } });
  });

  it('above the bound the plain schema is sent, recorded in the call record and warned once', async () => {
    const many = stateWithOpenTasks(MAX_ENUM_NAMES + 1);
    const { model, directory } = await runScripted([stateJson(many), stateJson(many), artifactJson(CALCULATOR_HTML)], { settings: { maxRefinements: 1 } });
    expect(model.requests[1]?.jsonSchema).toEqual(reasoningStateJsonSchema);
    expect(await readJson(join(directory, 'calls/002-refine.json'))).toMatchObject({ schemaFallback: expect.stringContaining('plain schema was sent'), request: { jsonSchema: reasoningStateJsonSchema } });
    const warnings = (await readEvents(directory)).filter((event) => event.type === 'warning' && event.message.startsWith('schema:'));
    expect(warnings).toHaveLength(1);
  });
});
