import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { ndliCommand } from '../hints/ndli-command.js';
import {
  ModelNotDownloadedError,
  ModelSpecError,
  ModelTooLargeError,
  downloadModelFile,
  llamaVramBytes,
  machineMemory,
  memoryFit,
  modelsDirectory,
  parseModelSpec,
  resolveLocalModel,
  type DownloadProgress,
  type LocalModelSource,
} from '@ndli/models';

const GB = 1e9;
const MB = 1e6;

function bytesText(bytes: number): string {
  return bytes >= GB ? `${(bytes / GB).toFixed(2)} GB` : `${(bytes / MB).toFixed(1)} MB`;
}

function durationText(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return whole >= 60 ? `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s` : `${whole}s`;
}

/** `[#########-----------]  45%  2.10 GB / 4.68 GB  35.2 MB/s  1m12s left` */
export function formatDownloadProgress(progress: DownloadProgress, width = 24): string {
  const { receivedBytes, totalBytes, bytesPerSecond, etaSeconds } = progress;
  const speed = bytesPerSecond === undefined ? '' : `  ${(bytesPerSecond / MB).toFixed(1)} MB/s`;
  if (totalBytes === undefined || totalBytes === 0) return `${bytesText(receivedBytes)}${speed}`;
  const fraction = Math.min(1, receivedBytes / totalBytes);
  const filled = Math.round(fraction * width);
  const eta = etaSeconds === undefined ? '' : `  ${durationText(etaSeconds)} left`;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${bytesText(receivedBytes)} / ${bytesText(totalBytes)}${speed}${eta}`;
}

/** The download size: the catalog's published size, else the server's Content-Length. */
async function downloadSize(source: LocalModelSource): Promise<number | undefined> {
  if (source.download?.downloadBytes !== undefined) return source.download.downloadBytes;
  if (source.download === undefined) return undefined;
  const response = await fetch(source.download.url, { method: 'HEAD', redirect: 'follow' }).catch(() => undefined);
  const length = response?.headers.get('content-length');
  return length === null || length === undefined ? undefined : Number(length);
}

export interface PullOptions {
  out: NodeJS.WritableStream & { isTTY?: boolean };
  /** Download even when the fit check says the model is too large. */
  force?: boolean;
  signal?: AbortSignal;
  modelsDirectory?: string;
}

/** `ndli models pull <alias|hf:…|url>`: fit check, then the download with a progress bar. Resolves with the file's path. */
export async function pullLocalModel(name: string, options: PullOptions): Promise<string> {
  const source = sourceFor(name, options.modelsDirectory);
  const download = source.download;
  if (download === undefined) throw new ModelSpecError(`"${name}" is a file on disk: there is nothing to download.`, 'Pull an alias (e.g. qwen2.5-coder-1.5b), an hf:<user>/<repo>:<quant> URI or an https:// URL.');
  if (existsSync(source.path)) {
    options.out.write(`✓ ${name} is already downloaded: ${source.path}\n`);
    return source.path;
  }
  const size = await downloadSize(source);
  const fit = memoryFit(download.memoryBytes ?? (size ?? 0) * 1.2, await machineMemory(llamaVramBytes));
  if (fit.verdict === 'too-large' && options.force !== true) {
    throw new ModelTooLargeError({ provider: 'local', modelId: name, message: `${name} is too large for this machine. ${fit.message}`, hint: 'Pull a smaller model, or pass --force to download it anyway.' });
  }
  if (fit.verdict !== 'fits') options.out.write(`! ${fit.message}\n`);
  options.out.write(`→ downloading ${name}${size === undefined ? '' : ` (${bytesText(size)})`} to ${source.path}\n`);
  const live = options.out.isTTY === true;
  let lastLine = '';
  const result = await downloadModelFile(download.url, source.path, {
    modelId: name,
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (progress) => {
      lastLine = formatDownloadProgress(progress);
      // At a terminal the bar redraws in place; in a log, no flood of lines (the final line is written below).
      if (live) options.out.write(`\r${lastLine}`);
    },
  });
  options.out.write(`${live ? '\r' : ''}${lastLine}\n✓ ${name}: ${bytesText(result.bytes)} at ${result.path}${result.resumed ? ' (resumed)' : ''}\n`);
  return result.path;
}

/** An alias, an `hf:` URI, or a direct https:// URL of a .gguf (stored under its file name). */
function sourceFor(name: string, directory: string | undefined): LocalModelSource {
  if (/^https?:\/\//i.test(name)) {
    const fileName = decodeURIComponent(new URL(name).pathname.split('/').at(-1) ?? '');
    if (!fileName.toLowerCase().endsWith('.gguf')) throw new ModelSpecError(`${name} does not name a .gguf file.`, 'Give the address of a GGUF file, e.g. https://huggingface.co/<user>/<repo>/resolve/main/<file>.gguf.');
    return { name, path: join(directory ?? modelsDirectory(), fileName), download: { url: name, uri: name } };
  }
  return resolveLocalModel(name, directory);
}

/**
 * Before a run on `local/<alias|hf:…>` whose file is missing: at a terminal, one question (size,
 * destination) and the download; elsewhere a clear error naming the pull command.
 */
export async function ensureLocalModel(modelString: string, options: { interactive: boolean; out: PullOptions['out']; signal?: AbortSignal }): Promise<void> {
  const { provider, model } = parseModelSpec(modelString);
  if (provider !== 'local') return;
  const source = resolveLocalModel(model);
  if (source.download === undefined || existsSync(source.path)) return;
  const missing = new ModelNotDownloadedError({ provider: 'local', modelId: model, path: source.path, pullCommand: ndliCommand(`models pull ${model}`) });
  if (!options.interactive) throw missing;
  const size = await downloadSize(source);
  const question = `${model} is not downloaded. Download it${size === undefined ? '' : ` (${bytesText(size)})`} to ${source.path}? [Y/n] `;
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await prompt.question(question).finally(() => prompt.close());
  if (!/^(|y|yes)$/i.test(answer.trim())) throw missing;
  await pullLocalModel(model, { out: options.out, ...(options.signal ? { signal: options.signal } : {}) });
}
