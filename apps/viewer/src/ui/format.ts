export function formatTokens(value: number | undefined): string {
  if (value === undefined) return '—';
  return value >= 10_000 ? `${(value / 1000).toFixed(1)}k` : String(value);
}

export function formatDuration(milliseconds: number | undefined): string {
  if (milliseconds === undefined) return '—';
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  if (milliseconds < 120_000) return `${(milliseconds / 1000).toFixed(1)} s`;
  return `${(milliseconds / 60_000).toFixed(1)} min`;
}

export function formatDate(iso: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

export function formatPercent(value: number | undefined): string {
  return value === undefined ? '—' : `${Math.round(value * 100)}%`;
}

/** Any value as readable JSON (model output included): always rendered as text, never as markup. */
export function asJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? String(value);
}
