const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Live figures of a model call in flight, as the latent loop forwards the provider's `onProgress`.
 * Declared here until latent-core's LatentEvent union carries it (the shape is agreed: issue 13).
 */
export interface CallProgressEvent {
  type: 'call-progress';
  phase: string;
  iteration?: number;
  completionTokens: number;
  tokensPerSecond?: number;
  elapsedMs: number;
}

export function isCallProgressEvent(event: { type: string }): event is CallProgressEvent {
  return event.type === 'call-progress';
}

/** `refine 2 · 1,240 tok · 38 tok/s · 32 s`: what a person watching a slow local model wants to see. */
export function formatCallProgress(event: CallProgressEvent): string {
  const phase = event.iteration ? `${event.phase} ${event.iteration}` : event.phase;
  const parts = [phase, `${event.completionTokens.toLocaleString('en-US')} tok`];
  if (event.tokensPerSecond !== undefined) parts.push(`${Math.round(event.tokensPerSecond).toLocaleString('en-US')} tok/s`);
  parts.push(`${Math.round(event.elapsedMs / 1000)} s`);
  return parts.join(' · ');
}

/**
 * A one-line spinner on stderr while the model or the browser works, so a person sees the run is
 * alive during a two-minute generation. Disabled (a no-op) when not interactive.
 */
export class Progress {
  private timer: NodeJS.Timeout | undefined;
  private frame = 0;
  private label = '';
  private startedAt = 0;
  /** A line that carries its own figures (the live call line) replaces the label and the elapsed seconds. */
  private live: string | undefined;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly enabled: boolean,
  ) {}

  start(label: string): void {
    if (!this.enabled) return;
    this.stop();
    this.label = label;
    this.live = undefined;
    this.startedAt = Date.now();
    this.timer = setInterval(() => this.render(), 100);
    this.timer.unref();
  }

  /** Replace the running line by one with live figures (no-op when not spinning or not interactive). */
  update(line: string): void {
    if (!this.timer) return;
    this.live = line;
  }

  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.stream.write('\r\u001b[2K');
  }

  private render(): void {
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(0);
    this.frame = (this.frame + 1) % FRAMES.length;
    this.stream.write(`\r\u001b[2K${FRAMES[this.frame]} ${this.live ?? `${this.label} ${seconds}s`}`);
  }
}
