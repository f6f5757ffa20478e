import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A SCRIPTED OpenAI-compatible server that takes as long as a GPU would: each answer costs its prompt at the
 * prefill rate and its completion at the decode rate, and `slots` streams share the GPU, their total
 * throughput growing sub-linearly with the streams in flight (throughput(s) = s^exponent: 4 streams ≈ 2.5×
 * one). Requests beyond the slots wait in the server's queue, as llama.cpp's `-np` does.
 */
export interface GpuTiming {
  slots: number;
  prefillTokensPerSecond: number;
  decodeTokensPerSecond: number;
  /** Total throughput with s streams, relative to one: s^exponent. 0.661 gives 4 streams ≈ 2.5×. */
  exponent: number;
}

interface Job {
  /** Seconds of single-stream work left (prefill + decode). */
  remaining: number;
  done: () => void;
}

/** The shared GPU: an event-driven simulation of streams sharing its throughput. */
export class SimulatedGpu {
  private readonly active: Job[] = [];
  private readonly waiting: Job[] = [];
  private last = performance.now();
  private timer: NodeJS.Timeout | undefined;
  /** Most streams in flight at once so far. */
  maxStreams = 0;

  constructor(private readonly timing: GpuTiming) {}

  /** Resolves when the answer's prefill and decode are done. */
  run(promptTokens: number, completionTokens: number): Promise<void> {
    return new Promise((done) => {
      this.advance();
      this.waiting.push({ remaining: promptTokens / this.timing.prefillTokensPerSecond + completionTokens / this.timing.decodeTokensPerSecond, done });
      this.admit();
      this.schedule();
    });
  }

  /** Each stream's speed, relative to a stream alone. */
  private perStream(): number {
    const streams = this.active.length;
    return streams === 0 ? 1 : streams ** this.timing.exponent / streams;
  }

  private advance(): void {
    const now = performance.now();
    const elapsed = (now - this.last) / 1000;
    this.last = now;
    const speed = this.perStream();
    for (const job of this.active) job.remaining -= elapsed * speed;
    for (const job of this.active.filter((candidate) => candidate.remaining <= 1e-6)) {
      this.active.splice(this.active.indexOf(job), 1);
      job.done();
    }
  }

  private admit(): void {
    while (this.active.length < this.timing.slots && this.waiting.length > 0) this.active.push(this.waiting.shift() as Job);
    this.maxStreams = Math.max(this.maxStreams, this.active.length);
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.active.length === 0) return;
    const next = Math.min(...this.active.map((job) => job.remaining)) / this.perStream();
    this.timer = setTimeout(() => {
      this.advance();
      this.admit();
      this.schedule();
    }, Math.max(1, next * 1000));
  }
}

export interface GpuTimedServer {
  baseUrl: string;
  gpu: SimulatedGpu;
  close(): Promise<void>;
}

/** ≈ 4 characters a token, as the scripted transcripts count. */
export function tokensOf(text: string): number {
  return Math.ceil(text.length / 4);
}

function stream(content: string, usage: { prompt_tokens: number; completion_tokens: number }): string {
  const chunk = (body: object) => `data: ${JSON.stringify({ id: 'chatcmpl-gpu-timed', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'scripted-gpu', ...body })}\n\n`;
  return [chunk({ choices: [{ index: 0, delta: { role: 'assistant', content }, finish_reason: null }] }), chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage }), 'data: [DONE]\n\n'].join('');
}

/** `answer(body)` picks the SCRIPTED answer of a chat request (by its schema, its order, …); the GPU times it. */
export async function startGpuTimedServer(timing: GpuTiming, answer: (requestBody: string) => string): Promise<GpuTimedServer> {
  const gpu = new SimulatedGpu(timing);
  const send = (response: ServerResponse, status: number, body: string) => response.writeHead(status, { 'content-type': 'application/json' }).end(body);
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      if (request.method === 'GET' && request.url?.endsWith('/models')) return send(response, 200, JSON.stringify({ object: 'list', data: [{ id: 'scripted-gpu', object: 'model' }] }));
      const content = answer(body);
      const usage = { prompt_tokens: tokensOf(body), completion_tokens: tokensOf(content) };
      void gpu.run(usage.prompt_tokens, usage.completion_tokens).then(() => {
        const streaming = (() => {
          try {
            return (JSON.parse(body) as { stream?: unknown }).stream === true;
          } catch {
            return false;
          }
        })();
        if (streaming) response.writeHead(200, { 'content-type': 'text/event-stream' }).end(stream(content, usage));
        else send(response, 200, JSON.stringify({ id: 'chatcmpl-gpu-timed', object: 'chat.completion', created: 1_700_000_000, model: 'scripted-gpu', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }], usage }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    gpu,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
