import type { Interval } from '../bench/statistics/wilson-interval.js';

/** One way to print shares, intervals and p-values everywhere (terminal, Markdown, HTML). */
export const formatPercent = (value: number) => `${(value * 100).toFixed(0)}%`;

export const formatInterval = (interval: Interval) => `[${(interval.low * 100).toFixed(0)}–${(interval.high * 100).toFixed(0)}%]`;

/** Two significant digits, and no false zero: a tiny p reads `p < 0.001`. */
export const formatPValue = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toPrecision(2)}`);
