import type { LanguageModel } from '@ndli/models';
import type { Judge, SpecFolder } from '@ndli/ralph';
import type { NdliConfig } from '../config/config-schema.js';
import type { EventListener } from '../events.js';
import type { RunMetadata, RunStatus } from './run-metadata.js';
import type { RunStore } from './run-store.js';

/** What every step of a run works with. */
export interface RunContext {
  store: RunStore;
  metadata: RunMetadata;
  config: NdliConfig;
  spec: SpecFolder;
  model: LanguageModel;
  judge: Judge;
  onEvent: EventListener | undefined;
  /** Aborted by Ctrl-C (interrupt) or an exhausted budget (reason `budget-tokens` / `budget-wall-time`). */
  signal: AbortSignal | undefined;
  resumed: boolean;
}

/** A step's view of the run: the context plus the run's event sink and a metadata save that keeps `durationMs` true. */
export interface StepContext extends RunContext {
  emit: EventListener;
  save: () => void;
}

export interface RunOutcome {
  status: RunStatus;
  endReason: string;
  runDirectory: string;
  artifactPath: string | undefined;
  metadata: RunMetadata;
  error: unknown;
}
