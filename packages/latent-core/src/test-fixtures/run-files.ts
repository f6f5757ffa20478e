import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { LatentEvent } from '../events.js';

/** Every file under `directory`, as sorted relative paths. */
export async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)))
    .sort();
}

export async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8'));
}

export async function readEvents(directory: string): Promise<(LatentEvent & { time: string })[]> {
  const text = await readFile(join(directory, 'events.jsonl'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LatentEvent & { time: string });
}
