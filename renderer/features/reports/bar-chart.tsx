// A small bar chart as plain SVG: no chart library. Bars run from the start edge in the reading
// direction (the SVG is mirrored for right-to-left), labels stay upright, and a table with the
// same figures sits beside it for screen readers and for reading exact values.
import { useTranslation } from 'react-i18next';

export type Bar = { key: string; label: string; value: number; text: string };

export function BarChart({ title, bars, testId }: { title: string; bars: Bar[]; testId: string }) {
  const { i18n } = useTranslation();
  const rtl = i18n.dir() === 'rtl';
  const max = Math.max(1, ...bars.map((b) => b.value));
  const width = 600;
  const height = 180;
  const gap = 4;
  const barWidth = bars.length > 0 ? (width - gap * (bars.length - 1)) / bars.length : width;
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height + 24}`} role="img" aria-label={title} className="chart-svg">
        {bars.map((b, i) => {
          const h = (b.value / max) * height;
          const x = rtl ? width - (i + 1) * barWidth - i * gap : i * (barWidth + gap);
          return (
            <g key={b.key}>
              <rect x={x} y={height - h} width={barWidth} height={Math.max(h, b.value > 0 ? 2 : 0)} className="chart-bar" data-value={b.value}>
                <title>{`${b.label}: ${b.text}`}</title>
              </rect>
              {bars.length <= 12 || i % 3 === 0 ? (
                <text x={x + barWidth / 2} y={height + 18} textAnchor="middle" className="chart-label">
                  {b.label}
                </text>
              ) : null}
            </g>
          );
        })}
        <line x1={0} x2={width} y1={height} y2={height} className="chart-axis" />
      </svg>
      <table className="chart-table visually-hidden">
        <tbody>
          {bars.map((b) => (
            <tr key={b.key}>
              <th scope="row">{b.label}</th>
              <td>{b.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
