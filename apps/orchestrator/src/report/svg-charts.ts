/** Minimal inline-SVG charts: a report must open with no network and no script. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const PALETTE = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#4b5563'];

export interface Bar {
  label: string;
  value: number;
  /** Shown at the bar's end, e.g. `80%` or `12.3k`. */
  display: string;
}

/** Horizontal bars, one per label, scaled to `max` (default: the largest value). */
export function barChart(name: string, title: string, bars: readonly Bar[], max?: number): string {
  const rowHeight = 26;
  const labelWidth = 260;
  const barWidth = 360;
  const height = bars.length * rowHeight + 36;
  const scale = max ?? Math.max(1e-9, ...bars.map((bar) => bar.value));
  const rows = bars
    .map((bar, index) => {
      const y = 30 + index * rowHeight;
      const width = Math.max(0, Math.min(1, bar.value / scale)) * barWidth;
      return `<text x="0" y="${y + 15}" font-size="12">${escapeHtml(bar.label)}</text>
<rect data-bar="${escapeHtml(bar.label)}" x="${labelWidth}" y="${y + 2}" width="${width.toFixed(1)}" height="${rowHeight - 8}" fill="${PALETTE[index % PALETTE.length]}"><title>${escapeHtml(`${bar.label}: ${bar.display}`)}</title></rect>
<text x="${labelWidth + width + 6}" y="${y + 15}" font-size="12">${escapeHtml(bar.display)}</text>`;
    })
    .join('\n');
  return `<figure><svg data-chart="${escapeHtml(name)}" role="img" aria-label="${escapeHtml(title)}" width="${labelWidth + barWidth + 80}" height="${height}" xmlns="http://www.w3.org/2000/svg">
<text x="0" y="16" font-size="14" font-weight="bold">${escapeHtml(title)}</text>
${rows}
</svg></figure>`;
}

export interface Series {
  label: string;
  /** y values in [0, 1] at x = 1 … n. */
  points: readonly number[];
}

/** Lines of a share (0–1) over rounds: how much each FIX round adds. */
export function lineChart(name: string, title: string, series: readonly Series[], xLabel: string): string {
  const width = 560;
  const height = 260;
  const left = 40;
  const top = 30;
  const plotWidth = 320;
  const plotHeight = 180;
  const steps = Math.max(2, ...series.map((line) => line.points.length));
  const x = (index: number) => left + (index / (steps - 1)) * plotWidth;
  const y = (value: number) => top + (1 - value) * plotHeight;
  const axes = `<line x1="${left}" y1="${top + plotHeight}" x2="${left + plotWidth}" y2="${top + plotHeight}" stroke="#999"/>
<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotHeight}" stroke="#999"/>
${[0, 0.5, 1].map((tick) => `<text x="${left - 6}" y="${y(tick) + 4}" font-size="10" text-anchor="end">${tick * 100}%</text>`).join('')}
${Array.from({ length: steps }, (_, index) => `<text x="${x(index)}" y="${top + plotHeight + 14}" font-size="10" text-anchor="middle">${index + 1}</text>`).join('')}
<text x="${left + plotWidth / 2}" y="${top + plotHeight + 30}" font-size="11" text-anchor="middle">${escapeHtml(xLabel)}</text>`;
  const lines = series
    .map((line, index) => {
      const color = PALETTE[index % PALETTE.length];
      const path = line.points.map((point, step) => `${x(step).toFixed(1)},${y(point).toFixed(1)}`).join(' ');
      const legendY = top + index * 16;
      return `<polyline data-series="${escapeHtml(line.label)}" points="${path}" fill="none" stroke="${color}" stroke-width="2"/>
${line.points.map((point, step) => `<circle cx="${x(step).toFixed(1)}" cy="${y(point).toFixed(1)}" r="3" fill="${color}"><title>${escapeHtml(`${line.label}, ${xLabel.toLowerCase()} ${step + 1}: ${(point * 100).toFixed(0)}%`)}</title></circle>`).join('')}
<rect x="${left + plotWidth + 16}" y="${legendY - 9}" width="10" height="10" fill="${color}"/><text x="${left + plotWidth + 30}" y="${legendY}" font-size="11">${escapeHtml(line.label)}</text>`;
    })
    .join('\n');
  return `<figure><svg data-chart="${escapeHtml(name)}" role="img" aria-label="${escapeHtml(title)}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">
<text x="0" y="16" font-size="14" font-weight="bold">${escapeHtml(title)}</text>
${axes}
${lines}
</svg></figure>`;
}
