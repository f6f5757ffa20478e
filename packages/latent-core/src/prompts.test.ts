import { describe, expect, it } from 'vitest';
import { PromptTemplateError } from './errors.js';
import { fillTemplate, loadPrompt, type PromptName } from './prompts.js';

describe('prompts', () => {
  it.each<PromptName>(['init', 'refine', 'refine-full', 'generate', 'one-shot'])('%s has a system and a user section with the task placeholder', (name) => {
    const prompt = loadPrompt(name);
    expect(prompt.system.length).toBeGreaterThan(50);
    expect(prompt.system).not.toContain('# SYSTEM');
    expect(prompt.user).toContain('{{task}}');
    expect(prompt.user).not.toContain('# USER');
  });

  it('the phase prompts carry their instructions', () => {
    expect(loadPrompt('init').system).toMatch(/WRITE[\s\S]*COMPLETE[\s\S]*ASK[\s\S]*SPECIFIC/);
    expect(loadPrompt('refine').system).toMatch(/SEARCH[\s\S]*SAME name/);
    expect(loadPrompt('refine').user).toContain('{{state_json}}');
    expect(loadPrompt('refine').user).toContain('{{min_solve}}');
    expect(loadPrompt('generate').user).toContain('{{solved_tasks_json}}');
    expect(loadPrompt('generate').user).toContain('{{failing_behaviours}}');
    expect(loadPrompt('init').user).toContain('{{pitfalls}}');
    expect(loadPrompt('refine').system).toMatch(/ONLY the tasks you add or rewrite[\s\S]*resolves[\s\S]*Never drop or rename/);
    expect(loadPrompt('refine-full').system).toMatch(/Keep every solved task[\s\S]*resolves/);
  });

  it('fills placeholders and refuses missing or unused values', () => {
    expect(fillTemplate('Build {{a}} in {{b}} ({{a}})', { a: 'x', b: 2 })).toBe('Build x in 2 (x)');
    expect(() => fillTemplate('Build {{a}}', {})).toThrow(PromptTemplateError);
    expect(() => fillTemplate('Build {{a}}', { a: 'x', c: 'y' })).toThrow(/absent placeholders: c/);
  });
});
