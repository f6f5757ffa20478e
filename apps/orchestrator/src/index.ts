// Programmatic API of the orchestrator (the `ndli` CLI is src/bin.ts).
export { defineConfig, NdliConfigSchema, type NdliConfig, type NdliConfigInput } from './config/config-schema.js';
export { loadConfig } from './config/load-config.js';
export { startRun, resumeRun, type StartRunOptions, type SessionOptions } from './run/session.js';
export type { RunOutcome } from './run/drive-run.js';
export type { OrchestratorEvent, EventListener } from './events.js';
export { RunMetadataSchema, type RunMetadata, type RunStatus, type RunMode, type RoundSummary } from './run/run-metadata.js';
export { createConsoleReporter } from './reporters/console-reporter.js';
export { createJsonReporter } from './reporters/json-reporter.js';
export { readRunTimeline, type RunTimeline } from './inspect/run-timeline.js';
export { ConfigError, DirectoryInUseError, OrchestratorError, RunDirectoryError } from './errors.js';
export { acquireDirectoryLock, isProcessAlive, LOCK_FILE, type DirectoryLock, type LockOptions, type LockOwner } from './run/directory-lock.js';
