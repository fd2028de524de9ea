import { useId } from "react";

export interface Bar {
  label: string;
  /** Integer (minor units or a count), so scaling never goes through a float sum. */
  value: bigint;
  /** The value as a person reads it ("1 250,00 kr"). */
  text: string;
}

/**
 * Bars in hand-made SVG. The picture is for the eye; the same numbers are in a table for screen
 * readers (and for anyone who prefers to read).
 */
export function BarChart({ title, bars, height = 200, tone = "primary" }: { title: string; bars: Bar[]; height?: number; tone?: "primary" | "accent" }) {
  const id = useId();
  const width = 640;
  const top = 22;
  const bottom = 34;
  const plot = height - top - bottom;
  const max = bars.reduce((m, b) => (b.value > m ? b.value : m), 0n);
  const slot = bars.length > 0 ? width / bars.length : width;
  const barWidth = Math.min(64, slot * 0.6);
  return (
    <figure className="chart" aria-labelledby={id}>
      <figcaption id={id}>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} className={`chart-svg chart-${tone}`} aria-hidden="true" focusable="false">
        <line x1={0} x2={width} y1={top + plot} y2={top + plot} className="chart-axis" />
        {bars.map((b, i) => {
          const ratio = max > 0n && b.value > 0n ? Number((b.value * 1000n) / max) / 1000 : 0;
          const h = Math.max(ratio * plot, b.value > 0n ? 2 : 0);
          const x = i * slot + (slot - barWidth) / 2;
          const y = top + plot - h;
          return (
            <g key={b.label}>
              <rect x={x} y={y} width={barWidth} height={h} rx={3} className="chart-bar">
                <title>{`${b.label}: ${b.text}`}</title>
              </rect>
              <text x={x + barWidth / 2} y={y - 6} textAnchor="middle" className="chart-value">
                {b.text}
              </text>
              <text x={x + barWidth / 2} y={top + plot + 20} textAnchor="middle" className="chart-label">
                {b.label}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <tbody>
          {bars.map((b) => (
            <tr key={b.label}>
              <th scope="row">{b.label}</th>
              <td>{b.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
