/**
 * The Decision 766 table: every indicator of the six groups with its numerator, denominator, ratio, threshold and
 * points, grouped under each group's score. Numerators and denominators of dossier-based indicators link to the list
 * of dossiers behind them (/can-bo/chi-so/ho-so). Raw values ride on data-value for tests and copy-paste.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { IndexReport, IndicatorFigure } from '../api/metrics-types.ts';
import { NoData } from './bits.tsx';
import type { MetricsSelection } from './params.ts';
import { formatCount, formatNumber, formatPercent } from './period.ts';
import { qs } from '../data/keys.ts';

export const drillHref = (
  sel: Pick<MetricsSelection, 'unit' | 'from' | 'to' | 'procedure' | 'official'>,
  indicator: string,
  part: 'numerator' | 'denominator',
) => `/can-bo/chi-so/ho-so?${qs({ unit: sel.unit, from: sel.from, to: sel.to, indicator, part, procedure: sel.procedure, official: sel.official })}`;

function Count({ f, part, sel }: { f: IndicatorFigure; part: 'numerator' | 'denominator'; sel: MetricsSelection }) {
  const { t, i18n } = useTranslation();
  const v = f[part];
  // Counts are shown whenever the server has them (e.g. 0 of 0 fee-bearing dossiers); only missing inputs say "no data".
  if (v === null) return <NoData />;
  const text = formatCount(i18n.language, v);
  if (!f.drillable || v === 0) return <span data-value={v}>{text}</span>;
  return (
    <Link to={drillHref(sel, f.code, part)} data-value={v} data-testid={`drill-${f.code}-${part}`}>
      {text}
      <span className="visually-hidden"> {t('metrics.table.drillLabel', { code: f.code, part: t(`metrics.table.${part}`) })}</span>
    </Link>
  );
}

export function IndicatorTable({ report, sel }: { report: IndexReport; sel: MetricsSelection }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="metrics-scroll" tabIndex={0} role="region" aria-labelledby="m-table-caption">
      <table className="table metrics-table" data-testid="index-table">
        <caption id="m-table-caption">{t('metrics.table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('metrics.table.code')}</th>
            <th scope="col">{t('metrics.table.name')}</th>
            <th scope="col" className="num">
              {t('metrics.table.numerator')}
            </th>
            <th scope="col" className="num">
              {t('metrics.table.denominator')}
            </th>
            <th scope="col" className="num">
              {t('metrics.table.ratio')}
            </th>
            <th scope="col" className="num">
              {t('metrics.table.threshold')}
            </th>
            <th scope="col" className="num">
              {t('metrics.table.points')}
            </th>
          </tr>
        </thead>
        {report.groups.map((g) => (
          <tbody key={g.code}>
            <tr className="metrics-group-row">
              <th scope="rowgroup" colSpan={6}>
                {g.name}
              </th>
              <td className="num" data-value={g.points} data-testid={`group-${g.code}`}>
                {formatNumber(i18n.language, g.points)} / {g.maxPoints}
              </td>
            </tr>
            {report.indicators
              .filter((f) => f.group === g.code)
              .map((f) => (
                <tr key={f.code} data-indicator={f.code}>
                  <th scope="row">{f.code}</th>
                  <td>
                    {f.name}
                    {f.average && (
                      <span className="muted metrics-average">
                        {' '}
                        — {t('metrics.table.average', { value: formatNumber(i18n.language, f.average.value), unit: t(`metrics.avgUnit.${f.average.unit}`) })}
                      </span>
                    )}
                  </td>
                  <td className="num" data-col="numerator">
                    <Count f={f} part="numerator" sel={sel} />
                  </td>
                  <td className="num" data-col="denominator">
                    <Count f={f} part="denominator" sel={sel} />
                  </td>
                  <td className="num" data-col="ratio" data-value={f.ratio ?? ''}>
                    {f.noData ? <NoData /> : (formatPercent(i18n.language, f.ratio) ?? '—')}
                  </td>
                  <td className="num">{f.threshold === null ? '—' : formatPercent(i18n.language, f.threshold)}</td>
                  <td className="num" data-col="points" data-value={f.points ?? ''}>
                    {f.noData || f.points === null ? <NoData /> : `${formatNumber(i18n.language, f.points)} / ${f.maxPoints}`}
                  </td>
                </tr>
              ))}
          </tbody>
        ))}
        <tfoot>
          <tr>
            <th scope="row" colSpan={6}>
              {t('metrics.table.total')}
            </th>
            <td className="num" data-value={report.total.points} data-testid="total-points">
              {formatNumber(i18n.language, report.total.points)} / {report.total.maxPoints}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
