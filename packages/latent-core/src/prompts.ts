import { readFileSync } from 'node:fs';
import { PromptTemplateError } from './errors.js';

/**
 * Prompts live as readable text in `./prompts/*.md` (a `# SYSTEM` and a `# USER` section, with
 * `{{placeholders}}`), loaded relative to this module so they ship beside the code (`build` copies them).
 */
export type PromptName = 'init' | 'refine' | 'refine-full' | 'generate' | 'one-shot' | 'retry';

export interface PromptTemplate {
  system: string;
  user: string;
}

const cache = new Map<PromptName, PromptTemplate>();

export function loadPrompt(name: PromptName): PromptTemplate {
  const cached = cache.get(name);
  if (cached) return cached;
  const text = readFileSync(new URL(`./prompts/${name}.md`, import.meta.url), 'utf8');
  const template = splitSections(name, text);
  cache.set(name, template);
  return template;
}

function splitSections(name: string, text: string): PromptTemplate {
  const userMatch = /^# USER[ \t]*$/m.exec(text);
  if (!userMatch) throw new PromptTemplateError(`prompts/${name}.md has no "# USER" section`);
  const before = text.slice(0, userMatch.index);
  const user = text.slice(userMatch.index + userMatch[0].length).trim();
  const system = before.replace(/^# SYSTEM[ \t]*$/m, '').trim();
  return { system, user };
}

/** Replaces every `{{name}}`; a missing value or an unused one is a bug, reported loudly. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  const used = new Set<string>();
  const filled = template.replace(/\{\{(\w+)\}\}/g, (_match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new PromptTemplateError(`no value for placeholder {{${key}}}`);
    used.add(key);
    return String(value);
  });
  const unused = Object.keys(values).filter((key) => !used.has(key));
  if (unused.length > 0) throw new PromptTemplateError(`values given for absent placeholders: ${unused.join(', ')}`);
  return filled;
}

/** A prompt ready to send: system and user filled. */
export function renderPrompt(name: PromptName, values: Readonly<Record<string, string | number>>): PromptTemplate {
  const template = loadPrompt(name);
  return { system: template.system, user: fillTemplate(template.user, values) };
}
