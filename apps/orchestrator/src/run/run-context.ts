import type { LanguageModel } from '@ndli/models';
import type { Judge, SpecFolder } from '@ndli/ralph';
import type { NdliConfig } from '../config/config-schema.js';
import type { EventListener } from '../events.js';
import type { RunMetadata, RunStatus } from './run-metadata.js';
import type { RunRecord } from './run-record.js';
import type { RunStore } from './run-store.js';

/** What every step of a run works with. */
export interface RunContext {
  store: RunStore;
  /** The run record's one owner: steps read it and change it through its transitions only. */
  record: RunRecord;
  config: NdliConfig;
  spec: SpecFolder;
  model: LanguageModel;
  judge: Judge;
  onEvent: EventListener | undefined;
  /** Aborted by Ctrl-C (interrupt) or an exhausted budget (reason `budget-tokens` / `budget-wall-time`). */
  signal: AbortSignal | undefined;
  resumed: boolean;
}

/** A step's view of the run: the context, the run's event sink, and the model metered for a round (and candidate). */
export interface StepContext extends Omit<RunContext, 'model'> {
  emit: EventListener;
  /** The run's model, limited to `concurrency` calls in flight, each call counted into this round (and candidate). */
  modelFor: (round: number, candidate: number | undefined) => LanguageModel;
  signal: AbortSignal;
}

export interface RunOutcome {
  status: RunStatus;
  endReason: string;
  runDirectory: string;
  artifactPath: string | undefined;
  metadata: RunMetadata;
  error: unknown;
}
