import { sep } from 'node:path';

/** V8's hook that turns an error's call sites into its `stack` text. */
export type PrepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => unknown;

const NODE_MODULES = `${sep}node_modules${sep}`;

/**
 * True for a frame of code Playwright may have compiled (a spec, its helpers, ralph's fixture from source): the only
 * frames a source map can move. Playwright compiles no file under node_modules, and Node's own frames (`node:`) and
 * frames without a file (native, `Promise.all`) have no map either.
 */
export function mayHaveSourceMap(frame: NodeJS.CallSite): boolean {
  const file = frame.getFileName();
  return typeof file === 'string' && !file.includes(NODE_MODULES) && !file.startsWith('node:');
}

/** A frame as source-map-support writes one it leaves unmapped: V8's text, without the `async ` V8 puts first. */
function unmappedLine(frame: NodeJS.CallSite): string {
  const text = String(frame);
  return frame.isAsync() && text.startsWith('async ') ? text.slice('async '.length) : text;
}

/**
 * Wraps the stack hook Playwright's worker installs (source-map-support, mapping compiled specs back to their
 * TypeScript) so that only frames that may have a source map go through it; the rest are written as V8 writes them.
 *
 * Why: Playwright captures a stack of up to 50 frames twice for every API call a test makes (one for the call, one
 * for its step), and source-map-support copies and rewrites every frame of each, mapped or not. Measured in the
 * calculator suite's workers: about 1 s of CPU per worker of 66 tests, for frames under node_modules that no map
 * ever moves. The text of the frames that matter (the spec's and its helpers') is the hook's own, so locations in
 * reports and FIX blockers are unchanged.
 *
 * Runs of neighbouring frames go to the hook together: it names a frame after the position of the one below it,
 * which is then the same as before.
 */
export function mapOnlyOwnFrames(mapped: PrepareStackTrace): PrepareStackTrace {
  const wrapped: PrepareStackTrace = (error, frames) => {
    if (frames.every(mayHaveSourceMap)) return mapped(error, frames);
    const header = String(mapped(error, []));
    const lines: string[] = [header];
    let run: NodeJS.CallSite[] = [];
    const flushRun = (): void => {
      if (run.length === 0) return;
      lines.push(String(mapped(error, run)).slice(header.length));
      run = [];
    };
    for (const frame of frames) {
      if (mayHaveSourceMap(frame)) {
        run.push(frame);
        continue;
      }
      flushRun();
      lines.push(`\n    at ${unmappedLine(frame)}`);
    }
    flushRun();
    return lines.join('');
  };
  return wrapped;
}

const WRAPPED = Symbol.for('ndli.ralph.mapOnlyOwnFrames');

/**
 * Installs `mapOnlyOwnFrames` around the process's current stack hook, once. Does nothing where no hook is set
 * (V8's own formatting is already cheap).
 */
export function installOwnFramesMapping(): void {
  const current = Error.prepareStackTrace as (PrepareStackTrace & { [WRAPPED]?: true }) | undefined;
  if (!current || current[WRAPPED]) return;
  const wrapped = Object.assign(mapOnlyOwnFrames(current), { [WRAPPED]: true as const });
  Error.prepareStackTrace = wrapped;
}
