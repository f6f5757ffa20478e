const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * A one-line spinner on stderr while the model or the browser works, so a person sees the run is
 * alive during a two-minute generation. Disabled (a no-op) when not interactive.
 */
export class Progress {
  private timer: NodeJS.Timeout | undefined;
  private frame = 0;
  private label = '';
  private startedAt = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly enabled: boolean,
  ) {}

  start(label: string): void {
    if (!this.enabled) return;
    this.stop();
    this.label = label;
    this.startedAt = Date.now();
    this.timer = setInterval(() => this.render(), 100);
    this.timer.unref();
  }

  /** A new label for the running spinner (its clock keeps going): e.g. the judge's tests done so far. */
  update(label: string): void {
    this.label = label;
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
    this.stream.write(`\r\u001b[2K${FRAMES[this.frame]} ${this.label} · ${seconds} s`);
  }
}
