import { resolve } from 'node:path';
import { EXIT } from '../cli-errors.js';
import { readRunTimeline, type RunTimeline, type TimelineCall, type TimelineRound } from '../inspect/run-timeline.js';
import type { CandidateSummary, RoundSummary } from '../run/run-metadata.js';

function pad(value: string | number, width: number): string {
  return String(value).padEnd(width);
}

function callLine(call: TimelineCall): string {
  const phase = call.iteration > 0 ? `${call.phase} ${call.iteration}` : call.phase;
  const state = call.solved === undefined ? '—' : `${call.solved} solved / ${call.unsolved} unsolved / ${call.blockers} blockers`;
  const outcome = call.ok ? '✓' : `✗ ${call.errorCode ?? 'error'}`;
  const attempt = call.attempt > 1 ? ` (retry ${call.attempt - 1})` : '';
  const server = call.serverRetries.length > 0 ? ` · ${call.serverRetries.length} server retr${call.serverRetries.length === 1 ? 'y' : 'ies'} (${call.serverRetries.join(', ')})` : '';
  return `  ${pad(call.file, 22)} ${pad(phase + attempt, 20)} ${pad(state, 42)} ${pad(`${call.promptTokens}+${call.completionTokens} tok`, 16)} ${pad(`${(call.ms / 1000).toFixed(1)} s`, 8)} ${outcome}${server}`;
}

/** A call's line, then one line per slip the inner loop mended in its answer (no retry spent). */
function callLines(call: TimelineCall): string[] {
  return [callLine(call), ...call.mends.map((mend) => `      mended ${mend}`)];
}

function roundHeading(summary: RoundSummary | undefined, round: number): string {
  const kind = summary?.kind === 'restart' ? `FRESH START (attempt ${summary.attempt})` : (summary?.kind ?? '?');
  const anchor = summary?.anchorRound !== undefined ? ` · from round ${summary.anchorRound}` : '';
  return `Round ${round} · ${kind}${anchor}${summary?.innerEndReason ? ` · inner loop: ${summary.innerEndReason}` : ''}`;
}

function verdictLines(summary: RoundSummary): string[] {
  const notes = [
    summary.judgeErrors > 0 ? `${summary.judgeErrors} judge error(s), not counted` : '',
    summary.rejudged ? 're-judged' : '',
    summary.verdictReusedFrom !== undefined ? `verdict reused from round ${summary.verdictReusedFrom} (identical artifact)` : '',
    summary.outcome === 'judge-error' ? 'outcome: judge error (the harness, not the app)' : '',
  ].filter(Boolean);
  const heldOut = summary.heldOutTotal === undefined ? '' : ` · held-out ${summary.heldOutPassed ?? 0}/${summary.heldOutTotal} (never shown to the model)`;
  const lines = [`  Ralph: ${summary.passed}/${summary.total} passed${heldOut}${notes.length > 0 ? ` · ${notes.join(' · ')}` : ''}`];
  if (summary.heldOutFailingTitles?.length) lines.push(`    held-out failing: ${summary.heldOutFailingTitles.join('; ')}`);
  if (summary.judgeErrorTitles?.length) lines.push(`    not judged: ${summary.judgeErrorTitles.join('; ')}`);
  if (summary.fixedTitles?.length) lines.push(`    fixed: ${summary.fixedTitles.join('; ')}`);
  if (summary.regressedTitles?.length) lines.push(`    broke (regression, never the result): ${summary.regressedTitles.join('; ')}`);
  return lines;
}

function candidateLine(candidate: CandidateSummary, selected: number | undefined): string {
  const heldOut = candidate.heldOutTotal === undefined ? '' : ` (held-out ${candidate.heldOutPassed ?? 0}/${candidate.heldOutTotal})`;
  const verdict = candidate.status === 'judged' ? `${candidate.passed}/${candidate.total} passed${heldOut}` : candidate.status === 'error' ? `✗ ${candidate.error?.code ?? 'error'}` : candidate.status;
  const reused = candidate.verdictReusedFrom ? ` · identical: verdict of ${candidate.verdictReusedFrom}` : '';
  const tokens = `${candidate.tokens.prompt + candidate.tokens.completion} tok`;
  return `    ${candidate.candidate === selected ? '▶' : ' '} candidate ${candidate.candidate}${candidate.seed === undefined ? '' : ` (seed ${candidate.seed})`}: ${verdict} · ${tokens}${reused}`;
}

function candidateLines(round: TimelineRound): string[] {
  const summary = round.summary;
  if (!summary?.candidates) return [];
  const lines = [`  Candidates (${summary.candidates.length}, scope ${summary.candidateScope ?? 'generate'}; ▶ selected):`];
  lines.push(...summary.candidates.map((candidate) => candidateLine(candidate, summary.selectedCandidate)));
  for (const candidate of round.candidates) {
    if (candidate.calls.length === 0) continue;
    lines.push(`  candidate ${candidate.candidate} calls:`, ...candidate.calls.map(callLine));
  }
  return lines;
}

function serverRetries(timeline: RunTimeline): number {
  const calls = timeline.rounds.flatMap((round) => [...round.calls, ...round.candidates.flatMap((candidate) => candidate.calls)]);
  return calls.reduce((sum, call) => sum + call.serverRetries.length, 0);
}

export function renderTimeline(timeline: RunTimeline): string {
  const { metadata } = timeline;
  const lines = [
    `Run ${timeline.directory}`,
    `  spec ${metadata.spec} · model ${metadata.model.spec}${metadata.model.scripted ? ' (SCRIPTED replay)' : ''} · mode ${metadata.mode}`,
    `  status ${metadata.status}${metadata.endReason ? ` (${metadata.endReason})` : ''} · ${metadata.tokens.prompt + metadata.tokens.completion} tokens · ${(metadata.durationMs / 1000).toFixed(1)} s${metadata.best ? ` · best round ${metadata.best.round}: ${metadata.best.passed}/${metadata.best.total}` : ''}`,
    `  ${metadata.restarts} fresh start(s) · ${metadata.resumes} resume(s) · ${serverRetries(timeline)} server retries · ${metadata.rounds.reduce((sum, round) => sum + round.judgeErrors, 0)} judge error(s) · ${metadata.rounds.filter((round) => (round.regressedTitles?.length ?? 0) > 0).length} regressed round(s)`,
  ];
  for (const round of timeline.rounds) {
    const summary = round.summary;
    lines.push('', roundHeading(summary, round.round));
    lines.push(...round.calls.flatMap(callLines));
    lines.push(...candidateLines(round));
    if (summary?.total !== undefined) {
      lines.push(...verdictLines(summary));
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
