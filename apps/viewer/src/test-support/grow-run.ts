import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_RUN, FIXTURES } from './fixture-roots.js';

/**
 * Writes a copy of the recorded demo run step by step, the way a live run does: metadata rewritten,
 * events appended, state and call files added, so a test can watch an open page follow it.
 */
export class GrowingRun {
  private readonly source = join(FIXTURES, 'output', DEMO_RUN);
  private readonly events: string[];
  private written = 0;

  constructor(readonly directory: string) {
    this.events = readFileSync(join(this.source, 'events.jsonl'), 'utf8').split('\n').filter((line) => line !== '');
    mkdirSync(directory, { recursive: true });
  }

  private metadata(status: string, rounds: number): void {
    const metadata = JSON.parse(readFileSync(join(this.source, 'run_metadata.json'), 'utf8')) as { status: string; rounds: unknown[]; best?: unknown; endReason?: string };
    metadata.status = status;
    metadata.rounds = metadata.rounds.slice(0, rounds);
    if (status === 'running') {
      delete metadata.best;
      delete metadata.endReason;
    }
    writeFileSync(join(this.directory, 'run_metadata.json'), JSON.stringify(metadata));
  }

  private appendEvents(count: number): void {
    const next = this.events.slice(this.written, this.written + count);
    this.written += next.length;
    if (next.length > 0) appendFileSync(join(this.directory, 'events.jsonl'), `${next.join('\n')}\n`);
  }

  private copy(...path: string[]): void {
    mkdirSync(join(this.directory, ...path.slice(0, -1)), { recursive: true });
    cpSync(join(this.source, ...path), join(this.directory, ...path), { recursive: true });
  }

  /** Round 1 has only INIT done. */
  start(): void {
    this.metadata('running', 1);
    this.copy('round_1', 'state_init.json');
    this.copy('round_1', 'calls', '001-init.json');
    this.appendEvents(4);
  }

  /** Round 1's first REFINE lands. */
  refine(): void {
    this.copy('round_1', 'calls', '002-refine.json');
    this.copy('round_1', 'state_refine_1.json');
    this.appendEvents(4);
  }

  /** The rest of the run: round 1 judged, round 2 (FIX) and the end. */
  finish(): void {
    this.copy('round_1');
    this.copy('round_2');
    this.metadata('passed', 2);
    this.appendEvents(this.events.length);
  }
}
