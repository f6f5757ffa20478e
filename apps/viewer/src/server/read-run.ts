import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { CallRecordSchema, CandidateSummarySchema, EventSchema, ReasoningStateSchema, RunMetadataSchema, VerdictSchema, type RoundSummary, type RunEvent, type Verdict } from '../shared/run-schemas.js';
import type { CallView, CandidateView, FailureLinks, RoundView, RunView, StateSnapshot } from '../shared/view-model.js';
import type { Links } from './links.js';
import { fileSize, readJsonFile, readJsonLines } from './read-files.js';
import { childLocation, type ViewerRoots } from './viewer-roots.js';
import { z } from 'zod';

const ROUND_PATTERN = /^round_(\d+)$/;
const LooseRecordSchema = z.record(z.string(), z.unknown());

/** INIT or FIX first, REFINE rounds in order, the final state last; unknown state files in between. */
function stateOrder(name: string): number {
  if (name === 'state_init' || name === 'state_fix') return 0;
  const refine = /^state_refine_(\d+)$/.exec(name);
  if (refine) return 1 + Number(refine[1]);
  if (name === 'state_final') return Number.MAX_SAFE_INTEGER;
  return Number.MAX_SAFE_INTEGER - 1;
}

function readStates(directory: string): StateSnapshot[] {
  return readdirSync(directory)
    .filter((file) => /^state_[\w-]+\.json$/.test(file))
    .map((file) => file.replace(/\.json$/, ''))
    .sort((a, b) => stateOrder(a) - stateOrder(b) || a.localeCompare(b))
    .map((name) => {
      const { value, problem } = readJsonFile(join(directory, `${name}.json`), ReasoningStateSchema);
      return { name, ...(value ? { state: value } : {}), ...(problem ? { problem } : {}) };
    });
}

function readCalls(directory: string): CallView[] {
  const callsDirectory = join(directory, 'calls');
  if (!existsSync(callsDirectory)) return [];
  return readdirSync(callsDirectory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const { value, problem } = readJsonFile(join(callsDirectory, file), CallRecordSchema);
      return { file: `calls/${file}`, ...(value ? { record: value } : {}), ...(problem ? { problem } : {}) };
    });
}

/**
 * Evidence paths in a verdict are absolute, from the machine and folder the run was judged in. Find the
 * file in this copy of the run: as written, relative to the verdict's output folder, or below the round.
 */
function evidenceLocation(path: string | undefined, verdict: Verdict, roundDirectory: string, roots: ViewerRoots): string | undefined {
  if (!path) return undefined;
  const candidates: string[] = [];
  if (isAbsolute(path)) candidates.push(path);
  if (verdict.outputDirectory) {
    const inside = relative(verdict.outputDirectory, path);
    if (!inside.startsWith('..')) candidates.push(join(roundDirectory, basename(verdict.outputDirectory), inside));
  }
  const afterRound = /(?:^|[\\/])round_\d+[\\/](.+)$/.exec(path)?.[1];
  if (afterRound) candidates.push(join(roundDirectory, afterRound));
  if (!isAbsolute(path)) candidates.push(join(roundDirectory, path));
  for (const candidate of candidates) {
    const location = roots.locate(candidate);
    if (location) return location;
  }
  return undefined;
}

function failureLinks(verdict: Verdict, roundDirectory: string, roots: ViewerRoots, links: Links): FailureLinks[] {
  return verdict.failures.map((failure) => {
    const screenshot = evidenceLocation(failure.screenshot, verdict, roundDirectory, roots);
    const trace = evidenceLocation(failure.trace, verdict, roundDirectory, roots);
    const tracePath = trace ? roots.resolve(trace) : failure.trace;
    return { title: failure.title, ...(screenshot ? { screenshotUrl: links.file(screenshot) } : {}), ...(tracePath ? { tracePath } : {}) };
  });
}

/** A round that starts the inner loop over, instead of repairing the previous state. */
function isFreshStart(round: number, summary: RoundSummary | undefined, innerMetadata: Record<string, unknown> | undefined, events: readonly RunEvent[]): boolean {
  if (round <= 1) return false;
  const kind = summary?.kind ?? '';
  if (/fresh|restart/.test(kind)) return true;
  if (innerMetadata?.['mode'] === 'fresh') return true;
  return events.some(
    (event) =>
      (event.type === 'restart' && event['round'] === round) ||
      (event.type === 'round-start' && event['round'] === round && (/fresh|restart/.test(String(event['kind'] ?? '')) || event['freshStart'] === true || event['restart'] === true)),
  );
}

interface RunContext {
  directory: string;
  location: string;
  /** From the run's metadata; a round's only .html file otherwise. */
  artifactFileName: string | undefined;
  events: readonly RunEvent[];
  roots: ViewerRoots;
  links: Links;
}

/** A round's candidates: each under `round_N/candidates/K/` (its verdict, artifact), its loop where its summary says. */
function readCandidates(run: RunContext, round: number, summary: RoundSummary | undefined): CandidateView[] | undefined {
  const entries = z.array(CandidateSummarySchema).safeParse(summary?.['candidates']);
  if (!entries.success) return undefined;
  const selected = summary?.['selectedCandidate'];
  return entries.data.map((entry) => {
    const name = `round_${round}/candidates/${entry.candidate}`;
    const directory = join(run.directory, name);
    const verdict = existsSync(join(directory, 'verdict.json')) ? readJsonFile(join(directory, 'verdict.json'), VerdictSchema).value : undefined;
    const artifact = run.artifactFileName && existsSync(join(directory, run.artifactFileName)) ? run.artifactFileName : undefined;
    const loopDirectory = entry.directory ? join(run.directory, entry.directory) : directory;
    return {
      candidate: entry.candidate,
      summary: entry,
      calls: entry.candidate > 1 && existsSync(loopDirectory) ? readCalls(loopDirectory) : [],
      ...(verdict ? { verdict } : {}),
      ...(artifact ? { artifactUrl: run.links.artifact(childLocation(childLocation(run.location, name), artifact)) } : {}),
      selected: selected === entry.candidate,
    };
  });
}

function readRound(run: RunContext, round: number, summary: RoundSummary | undefined): RoundView {
  const { roots, links } = run;
  const name = `round_${round}`;
  const directory = join(run.directory, name);
  const location = childLocation(run.location, name);
  const inner = readJsonFile(join(directory, 'run_metadata.json'), LooseRecordSchema).value;
  const verdictRead = existsSync(join(directory, 'verdict.json')) ? readJsonFile(join(directory, 'verdict.json'), VerdictSchema) : {};
  const artifactName = run.artifactFileName && existsSync(join(directory, run.artifactFileName)) ? run.artifactFileName : readdirSync(directory).find((file) => file.endsWith('.html'));
  const events = readJsonLines(join(directory, 'events.jsonl'), EventSchema);
  const candidates = readCandidates(run, round, summary);
  return {
    round,
    kind: summary?.kind ?? String(inner?.['mode'] ?? 'unknown'),
    ...(summary ? { summary } : {}),
    ...(inner ? { innerMetadata: inner } : {}),
    states: readStates(directory),
    calls: readCalls(directory),
    ...(verdictRead.value ? { verdict: verdictRead.value } : {}),
    ...(verdictRead.problem ? { verdictProblem: verdictRead.problem } : {}),
    failureLinks: verdictRead.value ? failureLinks(verdictRead.value, directory, roots, links) : [],
    ...(artifactName ? { artifactUrl: links.artifact(childLocation(location, artifactName)) } : {}),
    events,
    freshStart: isFreshStart(round, summary, inner, run.events),
    ...(candidates ? { candidates } : {}),
  };
}

/** Everything the viewer shows of one run directory; missing or odd files become `problem`s, never errors. */
export function readRun(location: string, roots: ViewerRoots, links: Links): RunView | undefined {
  const directory = roots.resolve(location);
  if (!directory || !statSync(directory).isDirectory()) return undefined;
  const metadata = readJsonFile(join(directory, 'run_metadata.json'), RunMetadataSchema);
  const events = readJsonLines(join(directory, 'events.jsonl'), EventSchema);
  const roundNumbers = readdirSync(directory)
    .flatMap((entry) => {
      const match = ROUND_PATTERN.exec(entry);
      return match && statSync(join(directory, entry)).isDirectory() ? [Number(match[1])] : [];
    })
    .sort((a, b) => a - b);
  const summaries = new Map((metadata.value?.rounds ?? []).map((summary) => [summary.round, summary]));
  const artifactName = metadata.value?.artifactFileName;
  const artifactLocation = artifactName && existsSync(join(directory, artifactName)) ? childLocation(location, artifactName) : undefined;
  return {
    location,
    name: basename(resolve(directory)),
    ...(metadata.value ? { metadata: metadata.value } : {}),
    ...(metadata.problem ? { metadataProblem: metadata.problem } : {}),
    rounds: roundNumbers.map((round) => readRound({ directory, location, artifactFileName: artifactName, events, roots, links }, round, summaries.get(round))),
    events,
    eventsSize: fileSize(join(directory, 'events.jsonl')) + roundNumbers.reduce((sum, round) => sum + fileSize(join(directory, `round_${round}`, 'events.jsonl')), 0),
    ...(artifactLocation ? { artifactUrl: links.artifact(artifactLocation) } : {}),
  };
}

/** A number that changes whenever the run writes something the viewer shows (events, metadata). */
export function runSignature(directory: string): string {
  const rounds = existsSync(directory) ? readdirSync(directory).filter((entry) => ROUND_PATTERN.test(entry)) : [];
  const sizes = [join(directory, 'events.jsonl'), ...rounds.map((round) => join(directory, round, 'events.jsonl'))].map(fileSize);
  let metadataTime = 0;
  try {
    metadataTime = statSync(join(directory, 'run_metadata.json')).mtimeMs;
  } catch {
    metadataTime = 0;
  }
  return `${sizes.join('+')}@${metadataTime}`;
}
