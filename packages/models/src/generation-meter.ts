import type { GenerationProgress } from './language-model.js';

/** At most this often a streamed call reports progress: ≤ 4 updates a second is enough for a live line. */
export const PROGRESS_INTERVAL_MS = 250;

export interface GenerationFigures {
  completionTokens: number;
  reasoningTokens: number;
  timeToFirstTokenMs: number | undefined;
  tokensPerSecond: number | undefined;
  elapsedMs: number;
}

/**
 * Counts a stream as it arrives: each text or reasoning delta is about one token (servers send one
 * token a chunk), time to first token, tokens per second over the generation after the first token.
 * Reports through `onProgress`, throttled; the clock is injectable so tests need no waiting.
 */
export class GenerationMeter {
  private readonly startedAt: number;
  private firstTokenAt: number | undefined;
  private lastReportAt: number | undefined;
  private tokens = 0;
  private reasoning = 0;

  constructor(
    private readonly onProgress: ((progress: GenerationProgress) => void) | undefined,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.startedAt = now();
  }

  /** One delta arrived; `kind` says whether it was answer text or reasoning. */
  delta(kind: 'text' | 'reasoning'): void {
    const at = this.now();
    this.firstTokenAt ??= at;
    this.tokens += 1;
    if (kind === 'reasoning') this.reasoning += 1;
    if (this.onProgress !== undefined && (this.lastReportAt === undefined || at - this.lastReportAt >= PROGRESS_INTERVAL_MS)) {
      this.lastReportAt = at;
      this.report(this.figures(), this.onProgress);
    }
  }

  /** The figures so far; `completionTokens` from the server (when it reported usage) replaces the count. */
  figures(serverCompletionTokens?: number): GenerationFigures {
    const at = this.now();
    const completionTokens = serverCompletionTokens ?? this.tokens;
    const generatingMs = this.firstTokenAt === undefined ? 0 : at - this.firstTokenAt;
    return {
      completionTokens,
      reasoningTokens: this.reasoning,
      timeToFirstTokenMs: this.firstTokenAt === undefined ? undefined : Math.round(this.firstTokenAt - this.startedAt),
      // Below a tenth of a second the rate is noise (one burst of buffered chunks).
      tokensPerSecond: generatingMs >= 100 ? Math.round((completionTokens / generatingMs) * 1000 * 10) / 10 : undefined,
      elapsedMs: Math.round(at - this.startedAt),
    };
  }

  private report(figures: GenerationFigures, onProgress: (progress: GenerationProgress) => void): void {
    const progress: GenerationProgress = { completionTokens: figures.completionTokens, elapsedMs: figures.elapsedMs };
    if (figures.reasoningTokens > 0) progress.reasoningTokens = figures.reasoningTokens;
    if (figures.timeToFirstTokenMs !== undefined) progress.timeToFirstTokenMs = figures.timeToFirstTokenMs;
    if (figures.tokensPerSecond !== undefined) progress.tokensPerSecond = figures.tokensPerSecond;
    try {
      onProgress(progress);
    } catch {
      // A broken progress listener (a console line) must never fail the model call.
    }
  }
}
