import { existsSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux everywhere in practice). */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system) of every finished child process of this one and of their waited-for descendants
 * (Playwright's workers, Chromium's processes): fields cutime and cstime of /proc/self/stat. NaN off Linux.
 */
export function childCpuSeconds(): number {
  if (!existsSync('/proc/self/stat')) return Number.NaN;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // cutime and cstime are fields 16 and 17 of the whole line, i.e. 14 and 15 after the name (state is 3 → index 0).
  const cutime = Number(fields[13]);
  const cstime = Number(fields[14]);
  return (cutime + cstime) / TICKS_PER_SECOND;
}
