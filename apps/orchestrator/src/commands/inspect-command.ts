import { resolve } from 'node:path';
import { EXIT } from '../cli-errors.js';
import { readRunTimeline, type RunTimeline, type TimelineCall } from '../inspect/run-timeline.js';

function pad(value: string | number, width: number): string {
  return String(value).padEnd(width);
}

function callLine(call: TimelineCall): string {
  const phase = call.iteration > 0 ? `${call.phase} ${call.iteration}` : call.phase;
  const state = call.solved === undefined ? '—' : `${call.solved} solved / ${call.unsolved} unsolved / ${call.blockers} blockers`;
  const outcome = call.ok ? '✓' : `✗ ${call.errorCode ?? 'error'}`;
  const attempt = call.attempt > 1 ? ` (retry ${call.attempt - 1})` : '';
  return `  ${pad(call.file, 22)} ${pad(phase + attempt, 20)} ${pad(state, 42)} ${pad(`${call.promptTokens}+${call.completionTokens} tok`, 16)} ${pad(`${(call.ms / 1000).toFixed(1)} s`, 8)} ${outcome}`;
}

export function renderTimeline(timeline: RunTimeline): string {
  const { metadata } = timeline;
  const lines = [
    `Run ${timeline.directory}`,
    `  spec ${metadata.spec} · model ${metadata.model.spec}${metadata.model.scripted ? ' (SCRIPTED replay)' : ''} · mode ${metadata.mode}`,
    `  status ${metadata.status}${metadata.endReason ? ` (${metadata.endReason})` : ''} · ${metadata.tokens.prompt + metadata.tokens.completion} tokens · ${(metadata.durationMs / 1000).toFixed(1)} s${metadata.best ? ` · best round ${metadata.best.round}: ${metadata.best.passed}/${metadata.best.total}` : ''}`,
  ];
  for (const round of timeline.rounds) {
    const summary = round.summary;
    lines.push('', `Round ${round.round} · ${summary?.kind ?? '?'}${summary?.innerEndReason ? ` · inner loop: ${summary.innerEndReason}` : ''}`);
    lines.push(...round.calls.map(callLine));
    if (summary?.total !== undefined) {
      lines.push(`  Ralph: ${summary.passed}/${summary.total} passed`);
      if (summary.fixedTitles?.length) lines.push(`    fixed: ${summary.fixedTitles.join('; ')}`);
      if (summary.regressedTitles?.length) lines.push(`    broke: ${summary.regressedTitles.join('; ')}`);
    } else {
      lines.push('  Ralph: not judged');
    }
  }
  return lines.join('\n');
}

/** `ndli inspect <run-dir>`: a timeline a researcher can read without opening every file. */
export async function inspectCommand(runDirectory: string, flags: { json?: boolean }): Promise<number> {
  const timeline = readRunTimeline(resolve(runDirectory));
  process.stdout.write(`${flags.json ? JSON.stringify(timeline, null, 2) : renderTimeline(timeline)}\n`);
  return EXIT.passed;
}
