import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { ReplayError } from '../../errors.js';
import type { GenerateObjectRequest } from '../../language-model.js';
import {
  TRANSCRIPT_VERSION,
  transcriptCallSchema,
  transcriptHeaderSchema,
  type Transcript,
  type TranscriptCall,
  type TranscriptHeader,
  type TranscriptRequest,
} from './transcript-format.js';

function invalid(path: string, message: string): ReplayError {
  return new ReplayError('REPLAY_FILE_INVALID', `Transcript ${path}: ${message}`, {
    modelId: path,
    hint: 'A transcript is JSONL: a {"type":"transcript",…} header line, then one {"type":"call",…} line per model call. Re-record it with a live model or fix the named line.',
  });
}

function issuesText(error: z.ZodError): string {
  return error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/** Parses transcript text; every problem is a ReplayError naming the line. */
export function parseTranscript(text: string, path = '<transcript>'): Transcript {
  const lines = text.split('\n').map((line, index) => ({ line: line.trim(), number: index + 1 })).filter(({ line }) => line !== '');
  const [first, ...rest] = lines;
  if (first === undefined) throw invalid(path, 'the file is empty.');
  const json = (entry: { line: string; number: number }): unknown => {
    try {
      return JSON.parse(entry.line);
    } catch {
      throw invalid(path, `line ${entry.number} is not JSON.`);
    }
  };
  const header = transcriptHeaderSchema.safeParse(json(first));
  if (!header.success) throw invalid(path, `line ${first.number} is not a valid transcript header (${issuesText(header.error)}).`);
  const calls = rest.map((entry) => {
    const call = transcriptCallSchema.safeParse(json(entry));
    if (!call.success) throw invalid(path, `line ${entry.number} is not a valid call (${issuesText(call.error)}).`);
    return { call: call.data, number: entry.number };
  });
  // Calls are appended when they finish, so concurrent calls may be out of order on disk: order by index.
  calls.sort((left, right) => left.call.index - right.call.index);
  calls.forEach(({ call, number }, position) => {
    if (call.index !== position) throw invalid(path, `line ${number} has call index ${call.index}, expected ${position} (indices must be 0, 1, 2, … without gaps).`);
  });
  return { header: header.data, calls: calls.map(({ call }) => call) };
}

export function readTranscript(path: string): Transcript {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw invalid(path, code === 'ENOENT' ? 'the file does not exist.' : `the file cannot be read (${code}).`);
  }
  return parseTranscript(text, path);
}

export function serializeTranscript(transcript: Transcript): string {
  return [transcript.header, ...transcript.calls].map((entry) => JSON.stringify(entry)).join('\n') + '\n';
}

/** Writes a whole transcript, e.g. a scripted one authored in code. Validates it first so a bad one never lands on disk. */
export function writeTranscript(path: string, transcript: Transcript): void {
  const text = serializeTranscript(transcript);
  parseTranscript(text, path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

export function transcriptHeader(options: { scripted: boolean; description: string; provider: string; modelId: string; createdAt?: Date }): TranscriptHeader {
  return {
    type: 'transcript',
    version: TRANSCRIPT_VERSION,
    scripted: options.scripted,
    description: options.description,
    model: { provider: options.provider, modelId: options.modelId },
    createdAt: (options.createdAt ?? new Date()).toISOString(),
  };
}

/** The recorded part of a request: what identifies the call, not the schema object or the abort signal. */
export function transcriptRequest(request: GenerateObjectRequest<unknown>): TranscriptRequest {
  return {
    schemaName: request.schemaName,
    system: request.system,
    prompt: request.prompt,
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    maxTokens: request.maxTokens,
    ...(request.seed === undefined ? {} : { seed: request.seed }),
  };
}

/** Starts a transcript file with its header (replacing an old file). */
export function startTranscriptFile(path: string, header: TranscriptHeader): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(header) + '\n');
}

/** Appends one call synchronously: a crash after a call still leaves it on disk, and lines never interleave. */
export function appendTranscriptCall(path: string, call: TranscriptCall): void {
  appendFileSync(path, JSON.stringify(call) + '\n');
}

/**
 * Continues a transcript a session already started (a resumed run): the header stays as written once,
 * and the calls already recorded stay, so the file replays the whole run. A torn last line (killed
 * mid-write) is dropped, and so is anything after a gap in the numbering. A file that is not a
 * transcript is kept aside as `<file>.unreadable-<time>` and a new one started. With `keepCalls`, calls past
 * that many are dropped too: a run killed after a call was recorded but before the run saved it makes that
 * call again on resume, and the orphaned line would shift every later answer of a replay. Returns the
 * index of the next call.
 */
export function continueTranscriptFile(path: string, header: TranscriptHeader, options: { keepCalls?: number } = {}): number {
  if (!existsSync(path)) {
    startTranscriptFile(path, header);
    return 0;
  }
  const lines = readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const parsedHeader = lines[0] === undefined ? undefined : transcriptHeaderSchema.safeParse(parseJson(lines[0]));
  if (!parsedHeader?.success) {
    if (lines.length > 0) renameSync(path, `${path}.unreadable-${Date.now()}`);
    startTranscriptFile(path, header);
    return 0;
  }
  const calls = lines.slice(1).flatMap((line) => {
    const call = transcriptCallSchema.safeParse(parseJson(line));
    return call.success ? [call.data] : [];
  });
  const kept = calls.sort((left, right) => left.index - right.index);
  // Only a contiguous run of indices 0, 1, 2, … replays; anything after a gap is dropped with the rest.
  let next = 0;
  while (kept[next]?.index === next && (options.keepCalls === undefined || next < options.keepCalls)) next += 1;
  const contiguous = kept.slice(0, next);
  if (contiguous.length !== lines.length - 1) {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, [lines[0], ...contiguous.map((call) => JSON.stringify(call))].join('\n') + '\n');
    renameSync(temporary, path);
  }
  return contiguous.length;
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}
