import type { LatentEvent } from '@ndli/latent-core';
import type { JudgeProgress, Verdict, VerdictOutcome } from '@ndli/ralph';
import type { LockOwner } from './run/directory-lock.js';
import type { CandidateSummary, RoundSummary, RunMetadata, RunStatus } from './run/run-metadata.js';

/**
 * What a run reports while it works. Reporters (console, JSON lines) render these; the run writes
 * them to `events.jsonl`. Inner-loop events are forwarded as they are, tagged with their round.
 */
export type OrchestratorEvent =
  /** The directory's lock was left by a process that is gone; this process took it over. */
  | { type: 'lock-taken-over'; directory: string; previous: LockOwner }
  | { type: 'run-start'; runDirectory: string; spec: string; model: RunMetadata['model']; mode: RunMetadata['mode']; maxRounds: number; resumed: boolean }
  | {
      type: 'round-start';
      round: number;
      maxRounds: number;
      kind: RoundSummary['kind'];
      attempt: number;
      /** FIX: the round whose state it builds on (the best of its attempt). */
      anchorRound: number | undefined;
      /** FIX tasks (or, on a restart, pitfalls) handed to the inner loop. */
      fixTasks: number;
      failingTests: number;
      regressedTests: number;
      /** `--candidates N` > 1: artifacts this round makes, and how. */
      candidates?: number;
      candidateScope?: 'generate' | 'loop';
    }
  /** `candidate`: which of the round's candidates the inner loop works for (absent with one artifact per round). */
  | { type: 'latent'; round: number; candidate?: number; event: LatentEvent }
  /** After `stallRounds` rounds failing the same tests: a fresh INIT, the failing behaviours as pitfalls. */
  | { type: 'restart'; round: number; attempt: number; fromAttempt: number; failingTests: string[]; restartsLeft: number }
  | { type: 'judge-start'; round: number; candidate?: number; artifactPath: string; rejudge: boolean; reusedFrom: number | undefined }
  /** One candidate's verdict; `reusedFrom`: the verdict file (relative to the run) an identical artifact reused. */
  | { type: 'candidate-verdict'; round: number; candidate: number; passed: number; total: number; outcome: VerdictOutcome; heldOutPassed?: number; heldOutTotal?: number; reusedFrom: string | undefined }
  /** `--held-out reveal`: the visible tests passed and held-out ones failed; from `round` on they are FIX blockers. */
  | { type: 'held-out-revealed'; round: number; failingTests: string[] }
  /** A candidate's model or judge failed: it is kept with its error, the round goes on with the others. */
  | { type: 'candidate-error'; round: number; candidate: number; stage: 'generate' | 'judge'; error: { code: string; message: string } }
  /** The round's artifact: its best candidate (visible tests passed, then held-out passed, then fewer tokens). */
  | { type: 'candidates-selected'; round: number; selected: number; candidates: Pick<CandidateSummary, 'candidate' | 'status' | 'passed' | 'total' | 'tokens'>[] }
  /** The last verdict had judge errors and nothing failed: the same artifact is judged once more. */
  | { type: 'rejudge'; round: number; judgeErrors: string[] }
  | {
      type: 'verdict';
      round: number;
      verdict: Verdict;
      outcome: VerdictOutcome;
      anchorRound: number | undefined;
      fixedTitles: string[];
      /** Tests the anchor round passed that fail now: this round is never the result. */
      regressedTitles: string[];
      /** An identical artifact's verdict was reused (no browser run). */
      reusedFrom: number | undefined;
      best: RunMetadata['best'];
      /** With candidates: the one this verdict is. */
      selectedCandidate?: number;
      /** The spec holds tests out: the visible and held-out pass rates apart (`verdict` has every test). */
      heldOut?: { visiblePassed: number; visibleTotal: number; passed: number; total: number };
    }
  | ({ type: 'judge-progress'; round: number; candidate?: number } & JudgeProgress)
  | { type: 'round-end'; round: number; summary: RoundSummary }
  | {
      type: 'run-end';
      status: RunStatus;
      endReason: string;
      runDirectory: string;
      artifactPath: string | undefined;
      best: RunMetadata['best'];
      rounds: number;
      restarts: number;
      tokens: RunMetadata['tokens'];
      durationMs: number;
      scripted: boolean;
      resumeCommand: string | undefined;
      error: RunMetadata['error'];
    };

export type EventListener = (event: OrchestratorEvent) => void;
