import { dirname, join, relative } from 'node:path';
import { formatLatentEvent } from '@ndli/latent-core';
import { formatVerdict } from '@ndli/ralph';
import type { OrchestratorEvent } from '../events.js';
import { judgeProgressLine } from './judge-progress-line.js';
import { Progress, formatCallProgress, isCallProgressEvent } from './progress.js';
import { isInteractive, paint } from './terminal.js';
import { ndliCommand } from '../hints/ndli-command.js';

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
  'judge-error': '⚠  JUDGE ERROR (the harness failed, not the app)',
  overfit: '🎯 OVERFIT (visible tests passed, held-out tests failed)',
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
      case 'lock-taken-over': {
        const previous = event.previous;
        print(color('yellow', `🔓 Took over the lock of ${show(event.directory)}: its writer (pid ${previous.pid}, started ${previous.startedAt}) is gone.`));
        return;
      }
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
        const anchor = event.anchorRound !== undefined && event.anchorRound !== event.round - 1 ? `, from round ${event.anchorRound} (the best)` : '';
        const what =
          event.kind === 'fix'
            ? `FIX (${event.fixTasks} task(s) from ${event.failingTests} failing test(s)${event.regressedTests ? `, ${event.regressedTests} regressed` : ''}${anchor})`
            : event.kind === 'restart'
              ? `FRESH START · attempt ${event.attempt} (${event.fixTasks} pitfall(s))`
              : event.kind.toUpperCase();
        const candidates = event.candidates ? ` · ${event.candidates} candidates (${event.candidateScope === 'loop' ? 'independent inner loops' : 'GENERATE samples'})` : '';
        print('', color('bold', `━━ Round ${event.round}/${event.maxRounds} · ${what}${candidates} ━━`));
        return;
      }
      case 'latent': {
        // Live figures go to the spinner line only: nothing is printed for them (CI and --json see no extra lines).
        if (isCallProgressEvent(event.event)) {
          progress.update(formatCallProgress(event.event));
          return;
        }
        // The run header already said where output goes and how contexts are isolated.
        const lines = event.event.type === 'loop-start' ? [] : formatLatentEvent(event.event);
        const tag = event.candidate === undefined ? '' : `[candidate ${event.candidate}] `;
        if (lines.length > 0) print(...lines.map((line) => `${tag}${line}`));
        if (event.event.type === 'phase-start') progress.start(`waiting for the model (${event.event.phase})…`);
        return;
      }
      case 'restart': {
        print(
          '',
          color('yellow', `🔁 Stagnation: the same ${event.failingTests.length} test(s) kept failing; starting afresh (attempt ${event.attempt}, ${event.restartsLeft} fresh start(s) left), the failing behaviours given as pitfalls.`),
        );
        return;
      }
      case 'candidate-verdict': {
        const reused = event.reusedFrom ? ` (identical artifact: verdict of ${event.reusedFrom})` : '';
        const heldOut = event.heldOutTotal === undefined ? '' : ` · held-out ${event.heldOutPassed ?? 0}/${event.heldOutTotal}`;
        print(`   candidate ${event.candidate}: ${event.passed}/${event.total} passed${heldOut}${reused}`);
        return;
      }
      case 'candidate-error': {
        print(color('yellow', `   ⚠ candidate ${event.candidate}: ${event.stage === 'generate' ? 'model' : 'judge'} error [${event.error.code}] ${event.error.message}; the round goes on with the others.`));
        return;
      }
      case 'candidates-selected': {
        const selected = event.candidates.find((candidate) => candidate.candidate === event.selected);
        print(color('bold', `   ▶ candidate ${event.selected} of ${event.candidates.length} is the round's artifact (${selected?.passed ?? '?'}/${selected?.total ?? '?'}: most visible tests passed)`));
        return;
      }
      case 'held-out-revealed': {
        print(color('yellow', `🔓 The visible tests pass but ${event.failingTests.length} held-out test(s) fail: from round ${event.round} on they are FIX blockers (--held-out reveal).`));
        return;
      }
      case 'judge-start': {
        if (event.candidate !== undefined) {
          if (event.reusedFrom === undefined) progress.start(`judging candidate ${event.candidate}…`);
          return;
        }
        if (event.reusedFrom !== undefined) {
          print(`🎭 Ralph: ${show(event.artifactPath)} is identical to round ${event.reusedFrom}'s artifact; reusing its verdict (no browser run).`);
          return;
        }
        print(`🎭 Ralph: ${event.rejudge ? 'judging again' : 'judging'} ${show(event.artifactPath)} in headless Chromium…`);
        progress.start('running behavioral specs…');
        return;
      }
      case 'judge-progress': {
        progress.update(`${judgeProgressLine(event)} · ${Math.round(event.elapsedMs / 1000)} s`);
        return;
      }
      case 'rejudge': {
        print(color('yellow', `   ⚠ judge error (the harness, not the app) in ${event.judgeErrors.length} test(s); nothing failed: judging the same artifact once more.`));
        return;
      }
      case 'verdict': {
        print(...verdictLines(formatVerdict(event.verdict), show(join(dirname(event.verdict.artifact), 'verdict.json'))).map((line) => `   ${line}`));
        const judgeErrors = event.verdict.judgeErrors;
        if (judgeErrors.length > 0) {
          print(color('yellow', `   ⚠ ${judgeErrors.length} judge error(s), not counted as passed or failed (the harness, not the app): ${judgeErrors.map((error) => `${error.title}: ${error.message.split('\n')[0] ?? ''}`).join('; ')}`));
        }
        const since = event.anchorRound === undefined ? 'last round' : `round ${event.anchorRound}`;
        if (event.fixedTitles.length > 0) print(color('green', `   fixed since ${since}: ${event.fixedTitles.length}`));
        if (event.regressedTitles.length > 0) {
          print(color('red', `   ⚠ regressed (passed in round ${event.anchorRound ?? '?'}, fail now; this artifact is never the result): ${event.regressedTitles.join('; ')}`));
        }
        if (event.heldOut) print(`   visible tests ${event.heldOut.visiblePassed}/${event.heldOut.visibleTotal} · held-out tests ${event.heldOut.passed}/${event.heldOut.total} (never shown to the model)`);
        if (event.best) print(`   best so far: round ${event.best.round} (${event.best.passed}/${event.best.total})`);
        return;
      }
      case 'round-end':
        return;
      case 'run-end': {
        const tokens = event.tokens.prompt + event.tokens.completion;
        const style = event.status === 'passed' ? 'green' : event.status === 'interrupted' || event.status === 'judge-error' ? 'yellow' : 'red';
        const score = event.best ? `${event.best.passed}/${event.best.total} tests (best: round ${event.best.round})` : 'no verdict';
        print(
          '',
          color(style, `${STATUS_LINE[event.status]} · ${event.endReason} · ${score} · ${event.rounds} round(s)${event.restarts > 0 ? ` · ${event.restarts} fresh start(s)` : ''} · ${tokens.toLocaleString('en-US')} tokens · ${(event.durationMs / 1000).toFixed(1)} s`),
        );
        if (event.error) print(color('red', `   ${event.error.message} [${event.error.code}]`));
        if (event.status === 'judge-error') {
          print(color('yellow', `   The harness failed, not the app: some tests could not be judged (twice) and none failed. \`${ndliCommand('resume')}\` judges the artifact again.`));
        }
        if (event.artifactPath) print(`   Result: ${show(event.artifactPath)}`);
        print(`   Run directory: ${show(event.runDirectory)}  (inspect: ${ndliCommand(`inspect ${show(event.runDirectory)}`)})`);
        if (event.resumeCommand) print(`   Resume with: ${ndliCommand(`resume ${show(event.runDirectory)}`)}`);
        if (event.scripted) print(color('yellow', '   Note: this run replayed a SCRIPTED transcript; no model produced these answers.'));
        return;
      }
    }
  };
}
