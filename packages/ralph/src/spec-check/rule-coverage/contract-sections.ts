/** A section of task.md whose sentences must each be covered: its heading's text and its body, whitespace collapsed. */
export interface ContractSection {
  heading: string;
  text: string;
}

/** Runs of whitespace (newlines included) become one space, so a quote may be wrapped differently from task.md. */
export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const COVERED_HEADING = /^(rules|clarifications)\b/i;

/**
 * The Rules and Clarifications sections of a task prompt: each heading starting with one of those words, up to the
 * next heading of the same or a higher level (a sub-heading's part stays inside; the sub-heading itself is left out).
 */
export function contractSections(taskPrompt: string): ContractSection[] {
  const sections: ContractSection[] = [];
  let current: { heading: string; level: number; lines: string[] } | undefined;
  const close = (): void => {
    if (current) sections.push({ heading: current.heading, text: normaliseWhitespace(current.lines.join('\n')) });
    current = undefined;
  };
  let fenced = false;
  for (const line of taskPrompt.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : HEADING.exec(line);
    if (heading) {
      const level = heading[1]?.length ?? 1;
      const title = heading[2] ?? '';
      if (current && level <= current.level) close();
      if (!current && COVERED_HEADING.test(title)) {
        current = { heading: title, level, lines: [] };
        continue;
      }
      // A sub-heading inside the section titles its part: structure, not a sentence to cover.
      if (current) continue;
    }
    current?.lines.push(line);
  }
  close();
  return sections;
}
