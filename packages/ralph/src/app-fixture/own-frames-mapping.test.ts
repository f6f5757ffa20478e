import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mapOnlyOwnFrames, mayHaveSourceMap, type PrepareStackTrace } from './own-frames-mapping.js';

/** The call sites V8 hands the stack hook, captured where `capture` is called: this file, zod's and Node's frames. */
function callSitesThroughDependencies(): NodeJS.CallSite[] {
  let frames: NodeJS.CallSite[] = [];
  const capture = (): true => {
    const original = Error.prepareStackTrace;
    Error.prepareStackTrace = (_error, callSites) => callSites;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder);
    frames = holder.stack as NodeJS.CallSite[];
    Error.prepareStackTrace = original;
    return true;
  };
  const emitter = new EventEmitter();
  // zod calls the refinement from node_modules; EventEmitter calls the listener from node:events.
  emitter.on('go', () => z.string().refine(() => capture()).parse('x'));
  emitter.emit('go');
  return frames;
}

/** Stands in for source-map-support: a header, then every frame it is given, marked as mapped. */
const markAll: PrepareStackTrace = (error, frames) => `${error.name}: ${error.message}${frames.map((frame) => `\n    at mapped ${frame.getFileName()}:${frame.getLineNumber()}`).join('')}`;

describe('mapOnlyOwnFrames', () => {
  const frames = callSitesThroughDependencies();
  const error = new Error('boom');

  it('sends frames outside node_modules through the hook and writes the others as V8 does', () => {
    const own = frames.filter(mayHaveSourceMap);
    const dependencies = frames.filter((frame) => !mayHaveSourceMap(frame));
    // The capture really crossed a dependency and Node's own code, with this file's frames around them.
    expect(own.some((frame) => frame.getFileName()?.endsWith('own-frames-mapping.test.ts'))).toBe(true);
    expect(dependencies.some((frame) => frame.getFileName()?.includes('/node_modules/'))).toBe(true);
    expect(dependencies.some((frame) => frame.getFileName()?.startsWith('node:'))).toBe(true);

    const lines = String(mapOnlyOwnFrames(markAll)(error, frames)).split('\n');
    expect(lines[0]).toBe('Error: boom');
    expect(lines.length).toBe(frames.length + 1);
    frames.forEach((frame, index) => {
      const line = lines[index + 1];
      if (mayHaveSourceMap(frame)) expect(line).toBe(`    at mapped ${frame.getFileName()}:${frame.getLineNumber()}`);
      else expect(line).toBe(`    at ${String(frame).replace(/^async /, '')}`);
    });
  });

  it('hands the hook neighbouring own frames together, and all of them at once when there are no others', () => {
    const calls: number[] = [];
    const counting: PrepareStackTrace = (error, given) => {
      calls.push(given.length);
      return markAll(error, given);
    };
    const own = frames.filter(mayHaveSourceMap);
    expect(mapOnlyOwnFrames(counting)(error, own)).toBe(markAll(error, own));
    expect(calls).toEqual([own.length]);

    calls.length = 0;
    mapOnlyOwnFrames(counting)(error, frames);
    let runs = 0;
    frames.forEach((frame, index) => {
      if (mayHaveSourceMap(frame) && (index === 0 || !mayHaveSourceMap(frames[index - 1]!))) runs += 1;
    });
    // One call for the header, one per run of own frames.
    expect(calls.filter((length) => length > 0).length).toBe(runs);
    expect(calls.filter((length) => length > 0).reduce((sum, length) => sum + length, 0)).toBe(own.length);
  });
});
