/**
 * Model text (prompts, answers, reasoning, code) as text: Preact sets it as a text node, so nothing a
 * model wrote is ever parsed as markup.
 */
export function TextBlock({ title, text, testId, open = true }: { title: string; text: string | undefined | null; testId?: string; open?: boolean }) {
  if (text === undefined || text === null || text === '') return null;
  return (
    <details class="text-block" open={open} data-testid={testId}>
      <summary>
        {title} <span class="muted">({text.length.toLocaleString('en-US')} chars)</span>
      </summary>
      <pre>{text}</pre>
    </details>
  );
}
