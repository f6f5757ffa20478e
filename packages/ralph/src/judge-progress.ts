import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { z } from 'zod';

/** Live progress of a judge run: tests done of total and failures so far (`--json` and events carry the same). */
export const JudgeProgressSchema = z.object({
  done: z.number(),
  total: z.number(),
  failed: z.number(),
  /** Since the judge run started. */
  elapsedMs: z.number(),
  /** `run`: every selected test; `rerun`: the failed tests again, with traces (their count is the new total). */
  pass: z.enum(['run', 'rerun']),
});
export type JudgeProgress = z.infer<typeof JudgeProgressSchema>;

const ProgressLineSchema = JudgeProgressSchema.pick({ done: true, total: true, failed: true });

/**
 * Follows the progress reporter's file (progress-reporter.ts) every `intervalMs` and calls `onLine` with each new
 * whole line. `read` reads now; `stop` reads what is left and stops.
 */
export function followProgress(file: string, onLine: (line: z.infer<typeof ProgressLineSchema>) => void, intervalMs = 200): { read: () => void; stop: () => void } {
  let offset = 0;
  let pending = '';
  const read = (): void => {
    if (!existsSync(file)) return;
    const size = statSync(file).size;
    if (size <= offset) return;
    const buffer = Buffer.alloc(size - offset);
    const descriptor = openSync(file, 'r');
    try {
      readSync(descriptor, buffer, 0, buffer.length, offset);
    } finally {
      closeSync(descriptor);
    }
    offset = size;
    pending += buffer.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        const parsed = ProgressLineSchema.safeParse(JSON.parse(line));
        if (parsed.success) onLine(parsed.data);
      } catch {
        // A torn line: the reporter writes whole lines, so only a line still being written; it is read next time.
      }
    }
  };
  const timer = setInterval(read, intervalMs);
  timer.unref();
  return {
    read,
    stop: () => {
      clearInterval(timer);
      read();
    },
  };
}
