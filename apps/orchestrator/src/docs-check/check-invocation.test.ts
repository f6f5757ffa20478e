import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../cli.js';
import { checkInvocation } from './check-invocation.js';
import { ndliInvocations } from './command-line.js';

const program = createProgram(() => undefined);
const rules = { complete: true, specNames: ['calculator', 'todo'] };
const problemsOf = (line: string, complete = true): string[] =>
  ndliInvocations(line).flatMap((invocation) => checkInvocation(program, invocation.words, { ...rules, complete }).problems);

describe('a shown command line', () => {
  it('is found after env assignments, a prompt and launchers, split at operators, up to a comment', () => {
    const found = ndliInvocations('$ FOO=1 pnpm ndli run calculator --model replay/demo && ndli inspect <run-dir> # ndli nothing\nollama serve & npx ndli models\necho ndli run');
    expect(found.map((invocation) => invocation.words.join(' '))).toEqual(['run calculator --model replay/demo', 'inspect ‹placeholder›', 'models']);
    expect(ndliInvocations('ndli spec check ./my-specs/kanban \\\n  --min-score 0.9')[0]?.words).toEqual(['spec', 'check', './my-specs/kanban', '--min-score', '0.9']);
  });

  it('passes when the command, its options and their values exist', () => {
    expect(problemsOf('ndli run calculator --model ollama/qwen2.5-coder:7b --refine-output full --max-rounds 3 --no-fix')).toEqual([]);
    expect(problemsOf('ndli spec new <name> --dir ./my-specs')).toEqual([]);
    expect(problemsOf('ndli models --provider ollama --json')).toEqual([]);
    expect(problemsOf('ndli bench --models lmstudio/a,ollama/b --specs calculator,todo --modes ndli,one-shot --trials 10')).toEqual([]);
    expect(problemsOf('ndli view [paths…] --port 0 --open')).toEqual([]);
  });

  it('names an unknown command, option, choice, value, spec or missing argument', () => {
    expect(problemsOf('ndli serve')).toEqual(['ndli has no command "serve"']);
    expect(problemsOf('ndli run calculator --rounds 3')[0]).toBe('ndli run has no option --rounds');
    expect(problemsOf('ndli run calculator --refine-output diff')[0]).toMatch(/--refine-output diff: not one of changes, full/);
    expect(problemsOf('ndli models --provider openai')[0]).toMatch(/not one of lmstudio/);
    expect(problemsOf('ndli run calculator --max-rounds many')[0]).toMatch(/--max-rounds many: --max-rounds must be a whole number/);
    expect(problemsOf('ndli run calculator --model gpt4')[0]).toMatch(/no provider/);
    expect(problemsOf('ndli bench --modes ndli,fast')[0]).toMatch(/unknown mode "fast"/);
    expect(problemsOf('ndli test kanban page.html')[0]).toMatch(/no bundled spec "kanban"/);
    expect(problemsOf('ndli test calculator')[0]).toMatch(/ndli test needs <spec> <artifact>/);
    expect(problemsOf('ndli spec')[0]).toMatch(/needs a subcommand \(new, import, check\)/);
    expect(problemsOf('ndli inspect a b')[0]).toMatch(/takes 1 argument/);
  });

  it('may leave arguments out in inline code, or with …', () => {
    expect(problemsOf('ndli test', false)).toEqual([]);
    expect(problemsOf('ndli bench … --evidence')).toEqual([]);
    expect(problemsOf('ndli resume --help')).toEqual([]);
  });

  it('accepts a command that runs by itself and has subcommands too, and checks the subcommand', () => {
    const own = new Command('ndli');
    const models = own.command('models').action(() => undefined);
    models.command('pull').argument('<model>');
    expect(checkInvocation(own, ['models'], rules).problems).toEqual([]);
    expect(checkInvocation(own, ['models', 'pull'], rules).problems[0]).toMatch(/ndli models pull needs <model>/);
    expect(checkInvocation(own, ['models', 'pull', 'qwen'], rules).problems).toEqual([]);
  });
});
