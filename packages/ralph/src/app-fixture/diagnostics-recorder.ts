import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppDiagnostics } from './app-fixture.js';

type ListName = keyof AppDiagnostics;

/** Entries kept per list and test: a noisy app's first messages say what is wrong; the rest only how much. */
export const MAX_ENTRIES_PER_LIST = 20;
/** Writes of the evidence file are batched this long: a flood of messages costs one write, not one per message. */
const WRITE_DELAY_MS = 150;

const OMITTED_LABEL: Record<ListName, string> = {
  actions: 'actions',
  consoleErrors: 'console messages',
  pageErrors: 'page errors',
  dialogs: 'dialogs',
  blockedRequests: 'blocked requests',
};

/**
 * One test's evidence: what it did and what the app logged, capped per list (first N entries, then a count), kept
 * in a file that is rewritten at most every WRITE_DELAY_MS and at once when the page freezes or the test ends. The
 * file, not a teardown attachment, carries it because a frozen app can keep a teardown from ever finishing.
 */
export class DiagnosticsRecorder {
  readonly diagnostics: AppDiagnostics = { actions: [], consoleErrors: [], pageErrors: [], dialogs: [], blockedRequests: [] };
  private readonly omitted: Record<ListName, number> = { actions: 0, consoleErrors: 0, pageErrors: 0, dialogs: 0, blockedRequests: 0 };
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.flush();
  }

  note(list: ListName, entry: string): void {
    if (this.diagnostics[list].length < MAX_ENTRIES_PER_LIST) this.diagnostics[list].push(entry);
    else this.omitted[list] += 1;
    this.timer ??= setTimeout(() => this.flush(), WRITE_DELAY_MS).unref();
  }

  /** Counts entries the page itself held back (see quiet-page-script.ts) as omitted. */
  omit(list: ListName, count: number): void {
    if (count > 0) this.omitted[list] += count;
  }

  /** The evidence as saved: each capped list ends with `… and N more <list> (not recorded)`. */
  snapshot(): AppDiagnostics {
    const lists = Object.keys(OMITTED_LABEL) as ListName[];
    return Object.fromEntries(
      lists.map((list) => [list, this.omitted[list] > 0 ? [...this.diagnostics[list], `… and ${this.omitted[list]} more ${OMITTED_LABEL[list]} (not recorded)`] : [...this.diagnostics[list]]]),
    ) as unknown as AppDiagnostics;
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    writeFileSync(this.file, JSON.stringify(this.snapshot()));
  }
}
