import { dirname, join, relative } from 'node:path';
import { formatLatentEvent } from '@ndli/latent-core';
import { formatVerdict } from '@ndli/ralph';
import type { OrchestratorEvent } from '../events.js';
import { judgeProgressLine } from './judge-progress-line.js';
import { Progress } from './progress.js';
import { isInteractive, paint } from './terminal.js';

export interface ConsoleReporterOptions {
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  cwd?: string;
}

/** A round's verdict on the console stops here; every failure is in the round's verdict.json. */
const MAX_VERDICT_LINES = 40;

function verdictLines(text: string, verdictFile: string): string[] {
  const lines = text.split('\n');
  if (lines.length <= MAX_VERDICT_LINES) return lines;
  return [...lines.slice(0, MAX_VERDICT_LINES), `… ${lines.length - MAX_VERDICT_LINES} more line(s): every failure is in ${verdictFile}`];
}

const STATUS_LINE = {
  passed: '✅ PASSED',
  failed: '❌ FAILED',
  stalled: '⏸  STALLED',
  error: '💥 ERROR',
  interrupted: '⏹  INTERRUPTED',
  running: '…',
} as const;

/** Renders run events as the seed's console lines, then Ralph's verdict per round. */
export function createConsoleReporter(options: ConsoleReporterOptions = {}): (event: OrchestratorEvent) => void {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const cwd = options.cwd ?? process.cwd();
  const color = paint(isInteractive(stdout));
  const progress = new Progress(stderr, isInteractive(stderr));
  const show = (path: string) => relative(cwd, path) || '.';
  const print = (...lines: string[]) => {
    progress.stop();
    for (const line of lines) stdout.write(`${line}\n`);
  };

  return (event) => {
    switch (event.type) {
      case 'run-start': {
        print(
          `📁 Output directory: ${show(event.runDirectory)}`,
          `🤖 Model: ${event.model.spec}${event.model.scripted ? color('yellow', '  (SCRIPTED replay: recorded answers, no model involved)') : ''}`,
          `🧪 Spec: ${event.spec} · mode: ${event.mode} · up to ${event.maxRounds} round(s)${event.resumed ? ' · resumed' : ''}`,
          '🔄 Context isolation: FRESH LLM context for each phase',
          '💾 State persistence: Only ReasoningState JSON carries between phases',
        );
        return;
      }
      case 'round-start': {
        const what = event.kind === 'fix' ? `FIX (${event.fixTasks} task(s) from ${event.failingTests} failing test(s)${event.regressedTests ? `, ${event.regressedTests} regressed` : ''})` : event.kind.toUpperCase();
        print('', color('bold', `━━ Round ${event.round}/${event.maxRounds} · ${what} ━━`));
        return;
      }
      case 'latent': {
        // The run header already said where output goes and how contexts are isolated.
        const lines = event.event.type === 'loop-start' ? [] : formatLatentEvent(event.event);
        if (lines.length > 0) print(...lines);
        if (event.event.type === 'phase-start') progress.start(`waiting for the model (${event.event.phase})…`);
        return;
      }
      case 'judge-start': {
        print(`🎭 Ralph: judging ${show(event.artifactPath)} in headless Chromium…`);
        progress.start('running behavioral specs…');
        return;
      }
      case 'judge-progress': {
        progress.update(judgeProgressLine(event));
        return;
      }
      case 'verdict': {
        print(...verdictLines(formatVerdict(event.verdict), show(join(dirname(event.verdict.artifact), 'verdict.json'))).map((line) => `   ${line}`));
        if (event.fixedTitles.length > 0) print(color('green', `   fixed since last round: ${event.fixedTitles.length}`));
        if (event.regressedTitles.length > 0) {
          print(color('red', `   ⚠ regressed (passed last round, fail now): ${event.regressedTitles.join('; ')}`));
        }
        if (event.best) print(`   best so far: round ${event.best.round} (${event.best.passed}/${event.best.total})`);
        return;
      }
      case 'round-end':
        return;
      case 'run-end': {
        const tokens = event.tokens.prompt + event.tokens.completion;
        const style = event.status === 'passed' ? 'green' : event.status === 'interrupted' ? 'yellow' : 'red';
        const score = event.best ? `${event.best.passed}/${event.best.total} tests (best: round ${event.best.round})` : 'no verdict';
        print(
          '',
          color(style, `${STATUS_LINE[event.status]} · ${event.endReason} · ${score} · ${event.rounds} round(s) · ${tokens.toLocaleString('en-US')} tokens · ${(event.durationMs / 1000).toFixed(1)} s`),
        );
        if (event.error) print(color('red', `   ${event.error.message} [${event.error.code}]`));
        if (event.artifactPath) print(`   Result: ${show(event.artifactPath)}`);
        print(`   Run directory: ${show(event.runDirectory)}  (inspect: pnpm ndli inspect ${show(event.runDirectory)})`);
        if (event.resumeCommand) print(`   Resume with: pnpm ndli resume ${show(event.runDirectory)}`);
        if (event.scripted) print(color('yellow', '   Note: this run replayed a SCRIPTED transcript; no model produced these answers.'));
        return;
      }
    }
  };
}
