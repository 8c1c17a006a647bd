/**
 * Hand-made SVG charts (no chart library): a line chart of several series over periods and a horizontal bar chart
 * for comparisons. Each chart is an image with a spoken summary (role="img" + aria-label) and comes with the same
 * figures as a table (<details>), so nothing is known by colour or shape alone. Values are 0–100 (points or %).
 */
import { useTranslation } from 'react-i18next';
import { formatNumber } from './period.ts';

export interface Series {
  name: string;
  /** One value per label; null = no data for that period (a gap in the line). */
  values: (number | null)[];
}

const COLOURS = ['#0b4a8b', '#0b6b3a', '#b3261e', '#6a3d9a'];
const DASHES = ['', '6 4', '2 3', '10 3 2 3'];
const MARKERS = ['circle', 'square', 'diamond', 'triangle'] as const;

function Marker({ kind, x, y, colour }: { kind: (typeof MARKERS)[number]; x: number; y: number; colour: string }) {
  if (kind === 'circle') return <circle cx={x} cy={y} r={4} fill={colour} />;
  if (kind === 'square') return <rect x={x - 4} y={y - 4} width={8} height={8} fill={colour} />;
  if (kind === 'diamond') return <path d={`M${x} ${y - 5}L${x + 5} ${y}L${x} ${y + 5}L${x - 5} ${y}Z`} fill={colour} />;
  return <path d={`M${x} ${y - 5}L${x + 5} ${y + 4}L${x - 5} ${y + 4}Z`} fill={colour} />;
}

export function LineChart({ title, labels, series, unit, testId }: { title: string; labels: string[]; series: Series[]; unit: string; testId?: string }) {
  const { t, i18n } = useTranslation();
  const W = 640;
  const H = 260;
  const left = 40;
  const right = 12;
  const top = 12;
  const bottom = 40;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const x = (i: number) => left + (labels.length <= 1 ? plotW / 2 : (i * plotW) / (labels.length - 1));
  const y = (v: number) => top + plotH - (Math.max(0, Math.min(100, v)) / 100) * plotH;
  const summary = series
    .map((s) => {
      const known = s.values.map((v, i) => ({ v, l: labels[i] })).filter((p): p is { v: number; l: string } => p.v !== null);
      if (!known.length) return `${s.name}: ${t('metrics.noData')}`;
      const last = known[known.length - 1];
      return `${s.name}: ${t('metrics.chart.latest', { label: last.l, value: formatNumber(i18n.language, last.v), unit })}`;
    })
    .join('; ');
  const step = Math.max(1, Math.ceil(labels.length / 8));
  return (
    <figure className="metrics-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <ul className="metrics-legend" aria-hidden="true">
        {series.map((s, i) => (
          <li key={s.name}>
            <svg width="28" height="12" focusable="false" aria-hidden="true">
              <line x1="0" y1="6" x2="28" y2="6" stroke={COLOURS[i % 4]} strokeWidth="3" strokeDasharray={DASHES[i % 4]} />
            </svg>{' '}
            {s.name}
          </li>
        ))}
      </ul>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}. ${summary}`} className="metrics-svg" focusable="false">
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line x1={left} x2={W - right} y1={y(v)} y2={y(v)} stroke="#d0d3d6" />
            <text x={left - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#4a4a4a">
              {v}
            </text>
          </g>
        ))}
        {labels.map((l, i) =>
          (i % step === 0 && labels.length - 1 - i >= step) || i === labels.length - 1 ? (
            <text
              key={l + i}
              x={x(i)}
              y={H - bottom + 18}
              textAnchor={labels.length > 1 && i === 0 ? 'start' : labels.length > 1 && i === labels.length - 1 ? 'end' : 'middle'}
              fontSize="11"
              fill="#4a4a4a"
            >
              {l}
            </text>
          ) : null,
        )}
        {series.map((s, si) => {
          const colour = COLOURS[si % 4];
          const segments: string[] = [];
          let current = '';
          s.values.forEach((v, i) => {
            if (v === null) {
              if (current) segments.push(current);
              current = '';
            } else current += `${current ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
          });
          if (current) segments.push(current);
          return (
            <g key={s.name}>
              {segments.map((d) => (
                <path key={d} d={d} fill="none" stroke={colour} strokeWidth="2.5" strokeDasharray={DASHES[si % 4]} />
              ))}
              {s.values.map((v, i) => (v === null ? null : <Marker key={i} kind={MARKERS[si % 4]} x={x(i)} y={y(v)} colour={colour} />))}
            </g>
          );
        })}
      </svg>
      <details className="metrics-chart-table">
        <summary>{t('metrics.chart.asTable')}</summary>
        <div className="metrics-scroll" tabIndex={0} role="region" aria-label={t('metrics.chart.tableOf', { title })}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('metrics.chart.period')}</th>
                {series.map((s) => (
                  <th key={s.name} scope="col">
                    {s.name} ({unit})
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((l, i) => (
                <tr key={l + i}>
                  <th scope="row">{l}</th>
                  {series.map((s) => (
                    <td key={s.name}>{s.values[i] === null ? t('metrics.noData') : formatNumber(i18n.language, s.values[i]!)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

export interface Bar {
  label: string;
  value: number | null;
}

/** Horizontal bars (labels read well on a phone), one per row, 0–max. */
export function BarChart({ title, bars, unit, max = 100, testId }: { title: string; bars: Bar[]; unit: string; max?: number; testId?: string }) {
  const { t, i18n } = useTranslation();
  const rowH = 42;
  const labelW = 0;
  const W = 640;
  const H = Math.max(1, bars.length) * rowH + 8;
  const summary = bars.map((b) => `${b.label}: ${b.value === null ? t('metrics.noData') : `${formatNumber(i18n.language, b.value)} ${unit}`}`).join('; ');
  return (
    <figure className="metrics-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}. ${summary}`} className="metrics-svg" focusable="false">
        {bars.map((b, i) => {
          const w = b.value === null || max <= 0 ? 0 : (Math.max(0, Math.min(max, b.value)) / max) * (W - labelW - 90);
          const yy = i * rowH + 4;
          return (
            <g key={b.label + i}>
              <text x={labelW} y={yy + 12} fontSize="13" fill="#1b1b1b">
                {b.label.length > 70 ? `${b.label.slice(0, 69)}…` : b.label}
              </text>
              <rect x={labelW} y={yy + 17} width={W - labelW - 90} height={16} fill="#e4e7eb" />
              <rect x={labelW} y={yy + 17} width={w} height={16} fill="#0b4a8b" />
              <text x={W - 4} y={yy + 30} fontSize="13" textAnchor="end" fill="#1b1b1b">
                {b.value === null ? '—' : `${formatNumber(i18n.language, b.value)} ${unit}`}
              </text>
            </g>
          );
        })}
      </svg>
      <details className="metrics-chart-table">
        <summary>{t('metrics.chart.asTable')}</summary>
        <div className="metrics-scroll" tabIndex={0} role="region" aria-label={t('metrics.chart.tableOf', { title })}>
          <table className="table">
            <tbody>
              {bars.map((b, i) => (
                <tr key={b.label + i}>
                  <th scope="row">{b.label}</th>
                  <td>{b.value === null ? t('metrics.noData') : `${formatNumber(i18n.language, b.value)} ${unit}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
