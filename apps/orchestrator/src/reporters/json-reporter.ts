import type { OrchestratorEvent } from '../events.js';

/** `--json`: one JSON object per event on stdout (JSON Lines), for machines. */
export function createJsonReporter(stream: NodeJS.WritableStream = process.stdout): (event: OrchestratorEvent) => void {
  return (event) => {
    stream.write(`${JSON.stringify(event)}\n`);
  };
}
