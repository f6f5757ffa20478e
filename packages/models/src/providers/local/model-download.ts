import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { ModelDownloadError, type ModelError } from '../../errors.js';
import { checkGgufFile } from './gguf-file-check.js';

export interface DownloadProgress {
  receivedBytes: number;
  /** Unknown when the server sends no length. */
  totalBytes: number | undefined;
  bytesPerSecond: number | undefined;
  /** Seconds left at the current speed. */
  etaSeconds: number | undefined;
}

export interface DownloadOptions {
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  /** For names in errors: the alias or URI the user gave. */
  modelId?: string;
}

export interface DownloadResult {
  path: string;
  bytes: number;
  /** True when an earlier interrupted download was continued rather than restarted. */
  resumed: boolean;
}

const PROGRESS_INTERVAL_MS = 250;

/**
 * Downloads a GGUF to `path` through `<path>.part`: a cut connection leaves only the `.part` file
 * (never one that looks like a complete model), and the next call resumes it with an HTTP Range
 * request (or restarts when the server ignores ranges). The file is renamed into place only after
 * its size matches and it reads as a GGUF whose tensors lie inside it.
 */
export async function downloadModelFile(url: string, path: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const context = { provider: 'local', modelId: options.modelId ?? url, url };
  const partial = `${path}.part`;
  await mkdir(dirname(path), { recursive: true });
  const already = await stat(partial).then((stats) => stats.size, () => 0);
  let response: Response;
  try {
    response = await fetch(url, { headers: already > 0 ? { range: `bytes=${already}-` } : {}, signal: options.signal ?? null, redirect: 'follow' });
  } catch (error) {
    throw failure(context, error, `Cannot reach ${url}`, 'Check the network connection (and a proxy, if any), then run the pull again.', options.signal);
  }
  const resumed = already > 0 && response.status === 206;
  if (response.status === 416 && already > 0) {
    // The server has nothing past what we hold: the part is the whole file (or garbage); check it below.
  } else if (!response.ok || response.body === null) {
    throw new ModelDownloadError({ ...context, message: `Downloading ${url} failed: HTTP ${response.status}.`, hint: response.status === 404 ? 'Check the alias or URI (repository, quant, file name).' : 'Try again later.' });
  }
  const startAt = resumed ? already : 0;
  const totalBytes = totalSizeOf(response, startAt);
  if (response.status !== 416 && response.body !== null) {
    const meter = progressMeter(startAt, totalBytes, options.onProgress);
    const counted = Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
    counted.on('data', (chunk: Buffer) => meter(chunk.length));
    try {
      await pipeline(counted, createWriteStream(partial, { flags: resumed ? 'a' : 'w' }));
    } catch (error) {
      const full = (error as NodeJS.ErrnoException).code === 'ENOSPC';
      throw failure(
        context,
        error,
        full ? `The disk is full while writing ${partial}` : `The download of ${url} was interrupted`,
        full ? 'Free some space (or set NDLI_MODELS_DIR to a roomier disk), then run the pull again: it resumes.' : 'Run the pull again: it resumes where it stopped.',
        options.signal,
      );
    }
  }
  const size = await stat(partial).then((stats) => stats.size, () => 0);
  if (totalBytes !== undefined && size !== totalBytes) {
    throw new ModelDownloadError({ ...context, message: `The download of ${url} ended at ${size} of ${totalBytes} bytes.`, hint: 'Run the pull again: it resumes where it stopped.' });
  }
  try {
    await checkGgufFile(partial, { provider: 'local', modelId: context.modelId });
  } catch (error) {
    await rm(partial, { force: true });
    throw new ModelDownloadError({
      ...context,
      message: `The file downloaded from ${url} is not a usable model: ${error instanceof Error ? error.message : String(error)}`,
      hint: 'The server sent something else (an error page, a cut file): it was deleted. Check the URI and try again.',
      cause: error,
    });
  }
  await rename(partial, path);
  return { path, bytes: size, resumed };
}

/** The file's full size: Content-Range's total for a resumed answer, else Content-Length. */
function totalSizeOf(response: Response, startAt: number): number | undefined {
  const range = /\/(\d+)\s*$/.exec(response.headers.get('content-range') ?? '');
  if (range?.[1] !== undefined) return Number(range[1]);
  const length = response.headers.get('content-length');
  return length === null ? undefined : startAt + Number(length);
}

function progressMeter(startAt: number, totalBytes: number | undefined, onProgress: DownloadOptions['onProgress']): (bytes: number) => void {
  const startedAt = performance.now();
  let received = startAt;
  let reportedAt = 0;
  return (bytes) => {
    received += bytes;
    const now = performance.now();
    const done = totalBytes !== undefined && received >= totalBytes;
    if (onProgress === undefined || (now - reportedAt < PROGRESS_INTERVAL_MS && !done)) return;
    reportedAt = now;
    const seconds = (now - startedAt) / 1000;
    const bytesPerSecond = seconds > 0.05 ? (received - startAt) / seconds : undefined;
    const etaSeconds = bytesPerSecond !== undefined && bytesPerSecond > 0 && totalBytes !== undefined ? (totalBytes - received) / bytesPerSecond : undefined;
    onProgress({ receivedBytes: received, totalBytes, bytesPerSecond, etaSeconds });
  };
}

function failure(context: { provider: string; modelId: string; url: string }, error: unknown, message: string, hint: string, signal: AbortSignal | undefined): ModelError {
  if (signal?.aborted === true) {
    return new ModelDownloadError({ ...context, message: 'The download was cancelled; the partial file is kept and the next pull resumes it.', hint: 'Run the pull again to resume.', cause: error });
  }
  return new ModelDownloadError({ ...context, message: `${message}: ${error instanceof Error ? error.message : String(error)}.`, hint, cause: error });
}
