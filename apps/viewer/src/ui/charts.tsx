export interface Bar {
  label: string;
  value: number;
  display: string;
}

const WIDTH = 640;

/** A horizontal bar chart in inline SVG (labels are text nodes). */
export function BarChart({ title, bars, max }: { title: string; bars: readonly Bar[]; max?: number }) {
  const top = Math.max(max ?? 0, ...bars.map((bar) => bar.value), 1e-9);
  const rowHeight = 26;
  const labelWidth = 260;
  return (
    <figure>
      <figcaption>{title}</figcaption>
      <svg width={WIDTH} height={bars.length * rowHeight + 8} role="img" aria-label={title}>
        {bars.map((bar, index) => (
          <g key={bar.label} transform={`translate(0 ${index * rowHeight + 4})`}>
            <text x={0} y={16} font-size="12">
              {bar.label}
            </text>
            <rect x={labelWidth} y={3} height={16} width={Math.max(1, ((WIDTH - labelWidth - 70) * bar.value) / top)} fill="#2563eb" />
            <text x={labelWidth + 6 + ((WIDTH - labelWidth - 70) * bar.value) / top} y={16} font-size="12">
              {bar.display}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

export interface Line {
  label: string;
  points: readonly number[];
}

const COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2'];

/** Shares (0…1) per round, one line per group. */
export function LineChart({ title, lines, xLabel }: { title: string; lines: readonly Line[]; xLabel: string }) {
  const height = 200;
  const left = 40;
  const right = 20;
  const longest = Math.max(2, ...lines.map((line) => line.points.length));
  const x = (index: number) => left + ((WIDTH - left - right - 220) * index) / (longest - 1);
  const y = (value: number) => 10 + (height - 40) * (1 - value);
  return (
    <figure>
      <figcaption>{title}</figcaption>
      <svg width={WIDTH} height={height} role="img" aria-label={title}>
        <line x1={left} y1={y(0)} x2={x(longest - 1)} y2={y(0)} stroke="#999" />
        <line x1={left} y1={y(0)} x2={left} y2={y(1)} stroke="#999" />
        <text x={4} y={y(1) + 4} font-size="11">100%</text>
        <text x={4} y={y(0) + 4} font-size="11">0%</text>
        {Array.from({ length: longest }, (_, index) => (
          <text key={index} x={x(index) - 3} y={height - 12} font-size="11">
            {index + 1}
          </text>
        ))}
        <text x={left} y={height - 1} font-size="11">
          {xLabel}
        </text>
        {lines.map((line, index) => (
          <g key={line.label}>
            <polyline fill="none" stroke={COLOURS[index % COLOURS.length]} stroke-width="2" points={line.points.map((point, pointIndex) => `${x(pointIndex)},${y(point)}`).join(' ')} />
            <text x={x(longest - 1) + 10} y={20 + index * 16} font-size="11" fill={COLOURS[index % COLOURS.length]}>
              {line.label}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
