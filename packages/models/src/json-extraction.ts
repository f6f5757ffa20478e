/**
 * Finding the JSON in a model's answer. Order matters: a valid raw JSON answer may contain Markdown
 * fences and braces *inside its strings* (code with ```js comments, markdown-preview apps), so it is
 * parsed whole first; only an answer that is not JSON as a whole is searched for a fenced block, then
 * for a balanced `{…}` / `[…]` span that respects strings and escapes.
 */
export type JsonExtractionStrategy = 'whole-text' | 'fenced-block' | 'balanced-scan';

export interface JsonCandidate {
  strategy: JsonExtractionStrategy;
  /** The source text of the candidate, for diagnostics. */
  text: string;
  value: unknown;
}

export interface JsonExtractionFailure {
  /** Every strategy that was tried, in order. */
  tried: JsonExtractionStrategy[];
  /** The JSON.parse error of the whole text: usually the most telling one. */
  problem: string;
}

/** At most this many brace-scan starts are parsed: a pathological answer must not cost seconds. */
const MAX_SCAN_STARTS = 200;

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}

/** The bodies of Markdown fences (```json, ```JSON, or bare ```), in order. */
function fencedBlocks(text: string): string[] {
  return [...text.matchAll(/```[A-Za-z]*[^\S\n]*\n([\s\S]*?)\n?[^\S\n]*```/g)].flatMap((match) => (match[1] === undefined ? [] : [match[1].trim()]));
}

/**
 * From `start` (an opening brace or bracket), the end of its balanced span, or -1. Braces inside
 * strings do not count, and a backslash escapes the next character inside a string.
 */
export function balancedSpanEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth += 1;
    else if (char === '}' || char === ']') {
      depth -= 1;
      if (depth === 0) return index;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

function* balancedSpans(text: string): Generator<string> {
  let starts = 0;
  for (let index = 0; index < text.length && starts < MAX_SCAN_STARTS; index += 1) {
    const char = text[index];
    if (char !== '{' && char !== '[') continue;
    starts += 1;
    const end = balancedSpanEnd(text, index);
    if (end > index) yield text.slice(index, end + 1);
  }
}

/**
 * Every JSON value the answer could mean, best first (the caller takes the first that fits the
 * schema). Lazy: the common case — the whole text is the JSON — parses once and stops.
 */
export function* jsonCandidates(rawText: string): Generator<JsonCandidate> {
  const trimmed = rawText.trim();
  const whole = tryParse(trimmed);
  if (whole.ok) {
    yield { strategy: 'whole-text', text: trimmed, value: whole.value };
    return;
  }
  for (const block of fencedBlocks(trimmed)) {
    const parsed = tryParse(block);
    if (parsed.ok) yield { strategy: 'fenced-block', text: block, value: parsed.value };
  }
  for (const span of balancedSpans(trimmed)) {
    const parsed = tryParse(span);
    if (parsed.ok) yield { strategy: 'balanced-scan', text: span, value: parsed.value };
  }
}

/** Why no candidate was found, naming the strategies tried. */
export function jsonExtractionFailure(rawText: string): JsonExtractionFailure {
  const whole = tryParse(rawText.trim());
  return { tried: ['whole-text', 'fenced-block', 'balanced-scan'], problem: whole.ok ? 'no JSON value found' : whole.problem };
}

/** The first candidate's text, or the trimmed text when there is none (kept for callers of the old helper). */
export function extractJsonText(rawText: string): string {
  for (const candidate of jsonCandidates(rawText)) return candidate.text;
  return rawText.trim();
}
