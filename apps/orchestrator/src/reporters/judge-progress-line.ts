import type { JudgeProgress } from '@ndli/ralph';

/** The judge's live line at a terminal: `running behavioral specs… 72/127 · 1 failed` (the spinner adds the seconds). */
export function judgeProgressLine(progress: Pick<JudgeProgress, 'done' | 'total' | 'failed' | 'pass'>): string {
  const what = progress.pass === 'rerun' ? 're-running failed tests with traces…' : 'running behavioral specs…';
  return `${what} ${progress.done}/${progress.total} · ${progress.failed} failed`;
}
