/** Lines as the seed counted them (Python's splitlines: a final newline does not start a line). */
export function countLines(text: string): number {
  if (text === '') return 0;
  return text.replace(/\r?\n$/, '').split(/\r?\n/).length;
}
