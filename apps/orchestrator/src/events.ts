import type { LatentEvent } from '@ndli/latent-core';
import type { JudgeProgress, Verdict } from '@ndli/ralph';
import type { RoundSummary, RunMetadata, RunStatus } from './run/run-metadata.js';

/**
 * What a run reports while it works. Reporters (console, JSON lines) render these; the run writes
 * them to `events.jsonl`. Inner-loop events are forwarded as they are, tagged with their round.
 */
export type OrchestratorEvent =
  | { type: 'run-start'; runDirectory: string; spec: string; model: RunMetadata['model']; mode: RunMetadata['mode']; maxRounds: number; resumed: boolean }
  | { type: 'round-start'; round: number; maxRounds: number; kind: RoundSummary['kind']; fixTasks: number; failingTests: number; regressedTests: number }
  | { type: 'latent'; round: number; event: LatentEvent }
  | { type: 'judge-start'; round: number; artifactPath: string }
  | ({ type: 'judge-progress'; round: number } & JudgeProgress)
  | { type: 'verdict'; round: number; verdict: Verdict; fixedTitles: string[]; regressedTitles: string[]; best: RunMetadata['best'] }
  | { type: 'round-end'; round: number; summary: RoundSummary }
  | {
      type: 'run-end';
      status: RunStatus;
      endReason: string;
      runDirectory: string;
      artifactPath: string | undefined;
      best: RunMetadata['best'];
      rounds: number;
      tokens: RunMetadata['tokens'];
      durationMs: number;
      scripted: boolean;
      resumeCommand: string | undefined;
      error: RunMetadata['error'];
    };

export type EventListener = (event: OrchestratorEvent) => void;
