import type { GenerationProgress } from '../../language-model.js';

/** The fields of the SDK's `LLMPredictionFragment` that progress reads. */
export interface FragmentLike {
  tokensCount: number;
  reasoningType: 'none' | 'reasoning' | 'reasoningStartTag' | 'reasoningEndTag';
}

export const DEFAULT_PROGRESS_INTERVAL_MS = 250;

export interface PredictionFigures {
  completionTokens: number;
  reasoningTokens: number;
  timeToFirstTokenMs: number | undefined;
  tokensPerSecond: number | undefined;
}

/**
 * Live figures of one streamed prediction, from LM Studio's fragments (each says how many tokens it
 * holds and whether it is reasoning). `report` is called at most once per `intervalMs`, so a console
 * line can follow a fast model without a callback per token; `finish` sends the exact last figures.
 */
export class PredictionProgress {
  private completionTokens = 0;
  private reasoningTokens = 0;
  private firstTokenAt: number | undefined;
  private firstFragmentTokens = 0;
  private lastTokenAt: number | undefined;
  private lastReportAt: number | undefined;
  private reportedTokens = 0;

  constructor(
    private readonly startedAt: number,
    private readonly report: ((progress: GenerationProgress) => void) | undefined,
    private readonly intervalMs: number = DEFAULT_PROGRESS_INTERVAL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  fragment(fragment: FragmentLike): void {
    const at = this.now();
    if (this.firstTokenAt === undefined) {
      this.firstTokenAt = at;
      this.firstFragmentTokens = fragment.tokensCount;
    }
    this.lastTokenAt = at;
    this.completionTokens += fragment.tokensCount;
    if (fragment.reasoningType !== 'none') this.reasoningTokens += fragment.tokensCount;
    if (this.lastReportAt === undefined || at - this.lastReportAt >= this.intervalMs) this.send(at);
  }

  /** Reports the final figures unless the last report already had them. */
  finish(): void {
    if (this.completionTokens !== this.reportedTokens) this.send(this.now());
  }

  figures(): PredictionFigures {
    const { firstTokenAt, lastTokenAt } = this;
    const generationMs = firstTokenAt === undefined || lastTokenAt === undefined ? 0 : lastTokenAt - firstTokenAt;
    return {
      completionTokens: this.completionTokens,
      reasoningTokens: this.reasoningTokens,
      timeToFirstTokenMs: firstTokenAt === undefined ? undefined : Math.round(firstTokenAt - this.startedAt),
      // Tokens after the first fragment over the time since it: the wait for the first is prompt processing, not generation.
      tokensPerSecond: generationMs > 0 ? round1((this.completionTokens - this.firstFragmentTokens) / (generationMs / 1000)) : undefined,
    };
  }

  private send(at: number): void {
    this.lastReportAt = at;
    this.reportedTokens = this.completionTokens;
    if (this.report === undefined) return;
    const figures = this.figures();
    const report = this.report;
    const progress: GenerationProgress = {
      completionTokens: figures.completionTokens,
      ...(figures.reasoningTokens > 0 ? { reasoningTokens: figures.reasoningTokens } : {}),
      elapsedMs: Math.round(at - this.startedAt),
      ...(figures.timeToFirstTokenMs === undefined ? {} : { timeToFirstTokenMs: figures.timeToFirstTokenMs }),
      ...(figures.tokensPerSecond === undefined ? {} : { tokensPerSecond: figures.tokensPerSecond }),
    };
    try {
      report(progress);
    } catch {
      // A broken progress listener (a console line) must never fail the model call.
    }
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
