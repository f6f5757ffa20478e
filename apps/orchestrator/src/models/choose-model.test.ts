import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseModel, downloadedLocalModel, type ModelSources } from './choose-model.js';

function sources(answers: { lmStudio?: string; ollama?: string; local?: string }): ModelSources & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    lmStudio: async () => (asked.push('lmstudio'), answers.lmStudio),
    ollama: async () => (asked.push('ollama'), answers.ollama),
    localFile: () => (asked.push('local'), answers.local),
  };
}

describe('chooseModel', () => {
  it('takes the config model without asking any server', async () => {
    const probes = sources({ lmStudio: 'lmstudio/a' });
    expect(await chooseModel('ollama/b', probes)).toEqual({ model: 'ollama/b', reason: 'the model in the config file' });
    expect(probes.asked).toEqual([]);
  });

  it('prefers LM Studio, then Ollama, then a downloaded local model', async () => {
    expect((await chooseModel(undefined, sources({ lmStudio: 'lmstudio/a', ollama: 'ollama/b', local: 'local/c' })))?.model).toBe('lmstudio/a');
    expect((await chooseModel(undefined, sources({ ollama: 'ollama/b', local: 'local/c' })))?.reason).toBe('Ollama is answering');
    expect((await chooseModel(undefined, sources({ local: 'local/c' })))?.model).toBe('local/c');
  });

  it('answers undefined when nothing can serve, after asking every source', async () => {
    const probes = sources({});
    expect(await chooseModel(undefined, probes)).toBeUndefined();
    expect(probes.asked).toEqual(['lmstudio', 'ollama', 'local']);
  });
});

describe('downloadedLocalModel', () => {
  it('finds a downloaded alias by its file name, else any .gguf, else nothing', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ndli-models-'));
    expect(downloadedLocalModel(folder)).toBeUndefined();
    await writeFile(join(folder, 'other.gguf'), 'x');
    expect(downloadedLocalModel(folder)).toBe(`local/${join(folder, 'other.gguf')}`);
    await writeFile(join(folder, 'Qwen2.5-Coder-1.5B-Instruct-Q4_K_M.gguf'), 'x');
    expect(downloadedLocalModel(folder)).toBe('local/qwen2.5-coder-1.5b');
  });
});
