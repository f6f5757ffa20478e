import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { loadConfig } from './load-config.js';

function directoryWith(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'ndli-config-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(directory, name), content);
  return directory;
}

describe('loadConfig', () => {
  it('applies defaults when there is no config file', async () => {
    const { config, configPath } = await loadConfig({ cwd: directoryWith({}) });
    expect(configPath).toBeUndefined();
    expect(config).toMatchObject({ maxRefinements: 12, minSolvePerIteration: 2, maxRounds: 5, outputDir: 'output' });
  });

  it('loads ndli.config.ts written with defineConfig', async () => {
    const cwd = directoryWith({
      'ndli.config.ts': "const config: { model: string; maxRounds: number } = { model: 'ollama/qwen2.5-coder:7b', maxRounds: 3 };\nexport default config;\n",
    });
    const { config } = await loadConfig({ cwd });
    expect(config.model).toBe('ollama/qwen2.5-coder:7b');
    expect(config.maxRounds).toBe(3);
  });

  it('lets flags override the file, field by field (budgets too)', async () => {
    const cwd = directoryWith({ 'ndli.config.json': JSON.stringify({ maxRounds: 3, temperature: 0.5, budgets: { maxTotalTokens: 100 } }) });
    const { config } = await loadConfig({ cwd, overrides: { maxRounds: 7, temperature: undefined, budgets: { maxWallTimeMs: 1000 } } });
    expect(config.maxRounds).toBe(7);
    expect(config.temperature).toBe(0.5);
    expect(config.budgets).toEqual({ maxTotalTokens: 100, maxWallTimeMs: 1000 });
  });

  it('names the field and the problem of an invalid config', async () => {
    const cwd = directoryWith({ 'ndli.config.json': JSON.stringify({ maxRounds: 0, temprature: 1 }) });
    const error = await loadConfig({ cwd }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/maxRounds: .*>=1/);
    expect((error as ConfigError).message).toMatch(/temprature/);
    expect((error as ConfigError).code).toBe('CONFIG_INVALID');
  });

  it('reports a config file that is not JSON, or missing', async () => {
    await expect(loadConfig({ cwd: directoryWith({ 'ndli.config.json': '{ nope' }) })).rejects.toThrow(/not valid JSON/);
    await expect(loadConfig({ cwd: directoryWith({}), configPath: 'missing.json' })).rejects.toThrow(/Config file not found/);
  });
});
