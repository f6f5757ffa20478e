import { describe, expect, it } from 'vitest';
import { ModelSpecError } from './errors.js';
import { parseModelSpec } from './model-spec.js';

describe('parseModelSpec', () => {
  it.each([
    ['lmstudio/qwen2.5-coder-7b-instruct', 'lmstudio', 'qwen2.5-coder-7b-instruct'],
    ['ollama/qwen2.5-coder:7b', 'ollama', 'qwen2.5-coder:7b'],
    ['llamacpp/default', 'llamacpp', 'default'],
    ['vllm/Qwen/Qwen2.5-Coder-7B-Instruct', 'vllm', 'Qwen/Qwen2.5-Coder-7B-Instruct'],
    ['lmstudio-openai/qwen2.5-coder-7b-instruct', 'lmstudio-openai', 'qwen2.5-coder-7b-instruct'],
    ['openai-compatible/Qwen/Qwen2.5-7B', 'openai-compatible', 'Qwen/Qwen2.5-7B'],
    ['replay/demo', 'replay', 'demo'],
    ['replay/./runs/a b.jsonl', 'replay', './runs/a b.jsonl'],
    ['Ollama/llama3.2:3b', 'ollama', 'llama3.2:3b'],
  ])('parses %s', (spec, provider, model) => {
    expect(parseModelSpec(spec)).toEqual({ provider, model });
  });

  it.each([
    ['qwen2.5-coder-7b-instruct', /no provider/],
    ['/qwen', /no provider/],
    ['', /no provider/],
    ['openai/gpt-4o', /Unknown model provider "openai"/],
    ['ollama/', /names no model/],
    ['ollama/   ', /names no model/],
  ])('rejects %j with a ModelSpecError listing the valid forms', (spec, message) => {
    let caught: unknown;
    try {
      parseModelSpec(spec);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ModelSpecError);
    expect((caught as ModelSpecError).code).toBe('MODEL_SPEC_INVALID');
    expect((caught as ModelSpecError).message).toMatch(message);
    expect((caught as ModelSpecError).hint).toContain('ollama/<model>');
    expect((caught as ModelSpecError).hint).toContain('replay/');
  });
});
