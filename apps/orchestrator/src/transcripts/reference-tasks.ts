import { parse, type ModuleDeclaration, type Statement } from 'acorn';
import type { SolvedTask } from '@ndli/latent-core';

/** The inline `<script>` of a single-file app, and the page around it. */
function splitPage(html: string): { script: string; markup: string; style: string } {
  const script = /<script\b[^>]*>([\s\S]*?)<\/script>/i.exec(html)?.[1] ?? '';
  const style = /<style\b[^>]*>([\s\S]*?)<\/style>/i.exec(html)?.[1] ?? '';
  const body = /<body\b[^>]*>([\s\S]*?)<\/body>/i.exec(html)?.[1] ?? '';
  return { script, style, markup: body.replace(/<script\b[\s\S]*?<\/script>/gi, '').trim() };
}

function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toLowerCase();
}

type TopLevel = Statement | ModuleDeclaration;

/** Apps often wrap their whole script in an IIFE: its body is the real top level. */
function topLevelStatements(body: readonly TopLevel[]): readonly TopLevel[] {
  const only = body.length === 1 ? body[0] : undefined;
  if (only?.type !== 'ExpressionStatement' || only.expression.type !== 'CallExpression') return body;
  const callee = only.expression.callee;
  if ((callee.type === 'ArrowFunctionExpression' || callee.type === 'FunctionExpression') && callee.body.type === 'BlockStatement') return callee.body.body;
  return body;
}

/**
 * Cuts a working app into the solved tasks a model would have written: the markup, the styles,
 * one task per top-level function, and the remaining top-level code (state, wiring) as one task.
 * Used to author SCRIPTED transcripts whose states hold real, complete code.
 */
export function solvedTasksFromPage(html: string): SolvedTask[] {
  const { script, markup, style } = splitPage(html);
  const program = parse(script, { ecmaVersion: 'latest', sourceType: 'script' });
  const tasks: SolvedTask[] = [];
  if (markup.length >= 20) tasks.push({ name: 'page_markup', solution_code: markup });
  if (style.trim().length >= 20) tasks.push({ name: 'page_styles', solution_code: style.trim() });
  const rest: string[] = [];
  for (const statement of topLevelStatements(program.body)) {
    const code = script.slice(statement.start, statement.end);
    if (statement.type === 'FunctionDeclaration' && statement.id) tasks.push({ name: snakeCase(statement.id.name), solution_code: code });
    else rest.push(code);
  }
  const wiring = rest.join('\n');
  if (wiring.trim().length >= 20) tasks.push({ name: 'state_and_event_wiring', solution_code: wiring });
  return tasks;
}

/** Tasks whose code differs between two versions of an app (what a FIX round must replace). */
export function changedTasks(before: readonly SolvedTask[], after: readonly SolvedTask[]): SolvedTask[] {
  const previous = new Map(before.map((task) => [task.name, task.solution_code]));
  return after.filter((task) => previous.get(task.name) !== task.solution_code);
}
