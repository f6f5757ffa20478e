import type { Command, Option } from 'commander';
import { parseModelSpec } from '@ndli/models';
import { RunModeSchema } from '../run/run-metadata.js';
import { isPlaceholder } from './command-line.js';

export interface InvocationCheck {
  /** The command and subcommand reached, e.g. ['spec', 'new']; [] for `ndli` itself. */
  path: string[];
  /** The positional arguments as shown. */
  positional: string[];
  /** Options as shown, by their long name (`--dir` → its value, `true` for a flag). */
  options: Map<string, string | true>;
  problems: string[];
}

export interface InvocationRules {
  /** Shown in a fenced block (a complete command line) rather than inline code, where arguments may be left out. */
  complete: boolean;
  /** Bundled spec names: a spec named (not a path to one) must be one of them. */
  specNames: readonly string[];
}

/** Options whose values the CLI checks later than commander: validated here by the same rules. */
const VALUE_CHECKS: Record<string, (value: string, rules: InvocationRules) => string | undefined> = {
  '--model': (value) => modelProblem(value),
  '--models': (value) => value.split(',').map(modelProblem).find(Boolean),
  '--modes': (value) => value.split(',').map((mode) => (RunModeSchema.safeParse(mode).success ? undefined : `unknown mode "${mode}" (${RunModeSchema.options.join(', ')})`)).find(Boolean),
  '--specs': (value, rules) => value.split(',').map((name) => specProblem(name, rules)).find(Boolean),
};

/** Commands whose first argument is a spec (a bundled name or a path to a folder). */
const SPEC_ARGUMENT = new Set(['run', 'test', 'spec check']);

function modelProblem(value: string): string | undefined {
  if (isPlaceholder(value)) return undefined;
  try {
    parseModelSpec(value);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function specProblem(name: string, rules: InvocationRules): string | undefined {
  if (isPlaceholder(name) || name.includes('/') || name.startsWith('.')) return undefined;
  return rules.specNames.includes(name) ? undefined : `no bundled spec "${name}" (bundled: ${rules.specNames.join(', ')})`;
}

/** Whether a command runs by itself (`ndli models`) or only through a subcommand (`ndli spec new`). */
function hasAction(command: Command): boolean {
  // commander keeps the handler private; a command without one prints its help instead of running.
  const handler: unknown = Reflect.get(command, '_actionHandler');
  return handler !== null && handler !== undefined;
}

function findOption(command: Command, name: string): Option | undefined {
  return command.options.find((option) => option.long === name || option.short === name);
}

function valueProblem(option: Option, value: string, rules: InvocationRules): string | undefined {
  if (isPlaceholder(value)) return undefined;
  const name = option.long ?? option.short ?? '';
  if (option.argChoices && !option.argChoices.includes(value)) return `${name} ${value}: not one of ${option.argChoices.join(', ')}`;
  const check = VALUE_CHECKS[name];
  const problem = check?.(value, rules);
  if (problem) return `${name} ${value}: ${problem}`;
  const parse = option.parseArg;
  if (parse) {
    try {
      parse(value, undefined);
    } catch (error) {
      return `${name} ${value}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return undefined;
}

/**
 * Checks the words of one shown `ndli …` line against the program commander builds: the command and subcommand
 * exist, every option exists for that command and gets a valid value, and the arguments fit.
 */
export function checkInvocation(program: Command, words: readonly string[], rules: InvocationRules): InvocationCheck {
  const check: InvocationCheck = { path: [], positional: [], options: new Map(), problems: [] };
  let command = program;
  let elided = false;
  const name = (): string => ['ndli', ...check.path].join(' ');
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] ?? '';
    if (word === '…' || word === '...') {
      elided = true;
      continue;
    }
    if (word === '--') {
      check.positional.push(...words.slice(index + 1));
      break;
    }
    if (word.startsWith('-') && word.length > 1 && !isPlaceholder(word)) {
      const [flag = word, inlineValue] = word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
      if (flag === '--help' || flag === '-h') {
        check.options.set('--help', true);
        continue;
      }
      const option = findOption(command, flag);
      if (!option) {
        check.problems.push(`${name()} has no option ${flag}`);
        continue;
      }
      const long = option.long ?? flag;
      if (option.required || option.optional) {
        let value = inlineValue;
        if (value === undefined && (option.required || !(words[index + 1] ?? '-').startsWith('-'))) {
          value = words[index + 1];
          if (value !== undefined) index += 1;
        }
        if (value === undefined) {
          if (option.required) check.problems.push(`${name()} ${flag} needs a value`);
          check.options.set(long, true);
          continue;
        }
        check.options.set(long, value);
        const problem = valueProblem(option, value, rules);
        if (problem) check.problems.push(`${name()}: ${problem}`);
      } else {
        if (inlineValue !== undefined) check.problems.push(`${name()} ${flag} takes no value`);
        check.options.set(long, true);
      }
      continue;
    }
    if (command.commands.length > 0 && check.positional.length === 0) {
      const sub = command.commands.find((candidate) => candidate.name() === word || candidate.aliases().includes(word));
      if (sub) {
        command = sub;
        check.path.push(sub.name());
        continue;
      }
      if (command.registeredArguments.length === 0) {
        if (!isPlaceholder(word)) check.problems.push(`${name()} has no command "${word}"`);
        return check;
      }
    }
    check.positional.push(word);
  }
  const declared = command.registeredArguments;
  const variadic = declared.some((argument) => argument.variadic);
  if (!variadic && check.positional.length > declared.length) check.problems.push(`${name()} takes ${declared.length} argument(s), shown with ${check.positional.length}: ${check.positional.join(' ')}`);
  const required = declared.filter((argument) => argument.required).length;
  if (rules.complete && !elided && !check.options.has('--help') && check.positional.length < required) {
    check.problems.push(`${name()} needs ${declared.map((argument) => `<${argument.name()}>`).join(' ')}, shown with ${check.positional.length} argument(s)`);
  }
  if (rules.complete && !elided && !check.options.has('--help') && command.commands.length > 0 && command !== program && !hasAction(command)) check.problems.push(`${name()} needs a subcommand (${command.commands.map((sub) => sub.name()).join(', ')})`);
  declared.forEach((argument, position) => {
    const value = check.positional[position];
    if (value !== undefined && argument.argChoices && !isPlaceholder(value) && !argument.argChoices.includes(value)) check.problems.push(`${name()} <${argument.name()}> ${value}: not one of ${argument.argChoices.join(', ')}`);
  });
  const first = check.positional[0];
  if (first !== undefined && SPEC_ARGUMENT.has(check.path.join(' '))) {
    const problem = specProblem(first, rules);
    if (problem) check.problems.push(`${name()}: ${problem}`);
  }
  return check;
}
