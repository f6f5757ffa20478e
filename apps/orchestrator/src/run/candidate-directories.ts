import { join } from 'node:path';
import type { RoundSummary } from './run-metadata.js';
import type { RunStore } from './run-store.js';

/** Where candidate K of a round keeps its artifact and verdict: `round_N/candidates/K/`. */
export function candidateDirectory(store: RunStore, round: number, candidate: number): string {
  return join(store.roundDirectory(round), 'candidates', String(candidate));
}

/** Where candidate K's inner loop writes: candidate 1's is the round's own loop, in `round_N/`. */
export function candidateLoopDirectory(store: RunStore, round: number, candidate: number): string {
  return candidate === 1 ? store.roundDirectory(round) : candidateDirectory(store, round, candidate);
}

/**
 * The directory holding the reasoning state a FIX builds on: the round's, or (with `--candidate-scope loop`,
 * where each candidate has its own) its selected candidate's.
 */
export function stateDirectory(store: RunStore, summary: Pick<RoundSummary, 'round' | 'selectedCandidate' | 'candidates'> | undefined): string {
  if (summary === undefined) throw new Error('The anchor round is missing from the run record.');
  const selected = summary.candidates?.find((candidate) => candidate.candidate === summary.selectedCandidate);
  return selected ? join(store.directory, selected.directory) : store.roundDirectory(summary.round);
}
