import { styleText } from 'node:util';

/** Colour and spinners only for a person at a terminal: never when piped, under CI, or with NO_COLOR. */
export function isInteractive(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.CI && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}

export type Style = 'green' | 'red' | 'yellow' | 'dim' | 'bold' | 'cyan';

export function paint(enabled: boolean): (style: Style, text: string) => string {
  return (style, text) => (enabled ? styleText(style, text) : text);
}
