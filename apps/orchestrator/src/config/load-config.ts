import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import type { z } from 'zod';
import { NdliConfigSchema, type NdliConfig, type NdliConfigInput } from './config-schema.js';
import { ConfigError } from '../errors.js';

export const CONFIG_FILE_NAMES = ['ndli.config.ts', 'ndli.config.mts', 'ndli.config.js', 'ndli.config.mjs', 'ndli.config.json'] as const;

/** Names the field and the problem, e.g. `maxRounds: Too small: expected number to be >=1`. */
function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n');
}

async function readConfigFile(path: string): Promise<unknown> {
  if (path.endsWith('.json')) {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as unknown;
    } catch (cause) {
      throw new ConfigError(`${path} is not valid JSON: ${(cause as Error).message}`, path);
    }
  }
  try {
    // tsx loads TypeScript config files whether the CLI runs from source or from dist.
    const module = (await tsImport(pathToFileURL(path).href, import.meta.url)) as { default?: unknown };
    // Outside a `"type": "module"` package the file loads as CommonJS and its default export arrives nested.
    const exported = module.default ?? module;
    return typeof exported === 'object' && exported !== null && 'default' in exported ? (exported as { default: unknown }).default : exported;
  } catch (cause) {
    throw new ConfigError(`Could not load ${path}: ${(cause as Error).message}`, path);
  }
}

export function findConfigFile(directory: string): string | undefined {
  return CONFIG_FILE_NAMES.map((name) => resolve(directory, name)).find((path) => existsSync(path));
}

/**
 * Loads the config file (explicit path, or the first ndli.config.* in `cwd`), applies CLI overrides
 * on top, and validates the result. Invalid config → ConfigError naming each field and problem.
 */
export async function loadConfig(options: { cwd: string; configPath?: string; overrides?: NdliConfigInput }): Promise<{ config: NdliConfig; configPath: string | undefined }> {
  const configPath = options.configPath ? resolve(options.cwd, options.configPath) : findConfigFile(options.cwd);
  if (options.configPath && configPath && !existsSync(configPath)) {
    throw new ConfigError(`Config file not found: ${configPath}`, configPath);
  }
  const fromFile = configPath ? await readConfigFile(configPath) : {};
  if (typeof fromFile !== 'object' || fromFile === null || Array.isArray(fromFile)) {
    throw new ConfigError(`${configPath} must export an object (use defineConfig({...}))`, configPath);
  }
  const fileResult = NdliConfigSchema.safeParse(fromFile);
  if (!fileResult.success) {
    throw new ConfigError(`Invalid config in ${configPath}:\n${describeIssues(fileResult.error)}`, configPath);
  }
  const merged = mergeConfig(fromFile as NdliConfigInput, options.overrides ?? {});
  const result = NdliConfigSchema.safeParse(merged);
  if (!result.success) {
    throw new ConfigError(`Invalid options:\n${describeIssues(result.error)}`, configPath);
  }
  return { config: result.data, configPath };
}

/** Flags override the file; `undefined` flags (not given) leave the file's value. Budgets merge field by field. */
export function mergeConfig(base: NdliConfigInput, overrides: NdliConfigInput): NdliConfigInput {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)) as NdliConfigInput;
  const budgets = { ...base.budgets, ...Object.fromEntries(Object.entries(overrides.budgets ?? {}).filter(([, value]) => value !== undefined)) };
  return { ...base, ...defined, budgets };
}
