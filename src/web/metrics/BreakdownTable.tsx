/**
 * A breakdown of the period's figures by unit, procedure, official, week or month: counts and the rates derived
 * from them (online, on time, paid online, digitised, electronic result, satisfied), with the index score where the
 * server gives one. Rows of units, procedures and officials link to the index filtered to that row.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Breakdown, BreakdownRow } from '../api/metrics-types.ts';
import { ShortNoData } from './bits.tsx';
import { formatCount, formatNumber, formatPercent } from './period.ts';
import { rowRates } from './rates.ts';

export { rowRates };

function Pct({ v }: { v: number | null }) {
  const { i18n } = useTranslation();
  return v === null ? <ShortNoData /> : <span data-value={v}>{formatPercent(i18n.language, v)}</span>;
}

export function BreakdownTable({ data, rowLink, caption }: { data: Breakdown; rowLink?: (row: BreakdownRow) => string | null; caption: string }) {
  const { t, i18n } = useTranslation();
  const id = `m-breakdown-${data.by}`;
  return (
    <div className="metrics-scroll" tabIndex={0} role="region" aria-labelledby={id}>
      <table className="table metrics-table metrics-breakdown" data-testid={`breakdown-${data.by}`}>
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`metrics.by.${data.by}`)}</th>
            <th scope="col" className="num">
              {t('metrics.col.received')}
            </th>
            <th scope="col" className="num">
              {t('metrics.col.online')}
            </th>
            <th scope="col" className="num">
              {t('metrics.col.onTime')}
            </th>
            <th scope="col" className="num">
              {t('metrics.col.paidOnline')}
            </th>
            <th scope="col" className="num">
              {t('metrics.col.digitised')}
            </th>
            <th scope="col" className="num">
              {t('metrics.col.electronicResult')}
            </th>
            <th scope="col" className="num">
              {t('metrics.col.satisfied')}
            </th>
            <th scope="col" className="num">
              {t('metrics.col.score')}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.rows.length === 0 && (
            <tr>
              <td colSpan={9}>{t('metrics.empty')}</td>
            </tr>
          )}
          {data.rows.map((r) => {
            const rates = rowRates(r);
            const href = rowLink?.(r) ?? null;
            return (
              <tr key={r.key}>
                <th scope="row">{href ? <Link to={href}>{r.label}</Link> : r.label}</th>
                <td className="num" data-value={r.received}>
                  {formatCount(i18n.language, r.received)}
                </td>
                <td className="num">
                  <Pct v={rates.online} />
                </td>
                <td className="num">
                  <Pct v={rates.onTime} />
                </td>
                <td className="num">
                  <Pct v={rates.paidOnline} />
                </td>
                <td className="num">
                  <Pct v={rates.digitised} />
                </td>
                <td className="num">
                  <Pct v={rates.electronicResult} />
                </td>
                <td className="num">
                  <Pct v={rates.satisfied} />
                </td>
                <td className="num" data-value={r.score ?? ''}>
                  {r.score === null ? '—' : formatNumber(i18n.language, r.score)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
