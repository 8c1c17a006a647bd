/**
 * Chỉ số phục vụ công khai (/chi-so-phuc-vu?month=yyyy-mm): the month's figures of every unit, for anyone, without
 * personal data — dossiers received, online, on time, paid online, satisfied, and the index score.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { BarChart } from '../metrics/Charts.tsx';
import { isMonth, formatCount, formatNumber, formatPercent, shiftMonth } from '../metrics/period.ts';
import { publicMetricsQueries, shown } from '../metrics/queries.ts';
import { vnTodayIso } from '../staff/format.ts';
import { usePageTitle } from '../usePageTitle.ts';
import '../metrics/metrics.css';
import '../i18n/metrics.ts';

export function PublicMonthlyPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const lastMonth = shiftMonth(vnTodayIso().slice(0, 7), -1);
  const month = isMonth(params.get('month')) ? params.get('month')! : lastMonth;
  const unit = params.get('unit') ?? '';
  const heading = usePageTitle(t('metrics.public.title'));
  const data = shown(useQuery({ ...publicMetricsQueries.monthly({ month, unit }), placeholderData: keepPreviousData }), t('error.generic'));
  const [y, m] = month.split('-');
  const pct = (v: number | null) => formatPercent(i18n.language, v) ?? t('metrics.noData');
  return (
    <section className="metrics-page">
      <h1 ref={heading} tabIndex={-1}>
        {t('metrics.public.title')}
      </h1>
      <p className="lead">{t('metrics.public.lead')}</p>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="p-month">{t('metrics.public.month')}</label>
          <input
            id="p-month"
            type="month"
            value={month}
            max={vnTodayIso().slice(0, 7)}
            onChange={(e) =>
              isMonth(e.target.value) &&
              setParams(
                (p) => {
                  const n = new URLSearchParams(p);
                  n.set('month', e.target.value);
                  return n;
                },
                { replace: true },
              )
            }
          />
        </div>
      </form>
      <h2>{t('metrics.public.monthHeading', { month: Number(m), year: y })}</h2>
      {data.error && (
        <div className="error-box" role="alert">
          {data.error}
        </div>
      )}
      {!data.data ? (
        !data.error && <p role="status">{t('common.loading')}</p>
      ) : data.data.units.length === 0 ? (
        <p className="note">{t('metrics.empty')}</p>
      ) : (
        <>
          <BarChart
            title={t('metrics.public.chart')}
            bars={data.data.units.map((u) => ({ label: u.name, value: u.score }))}
            unit={t('metrics.points')}
            testId="public-chart"
          />
          <div className="metrics-scroll" tabIndex={0} role="region" aria-labelledby="p-caption">
            <table className="table metrics-table" data-testid="public-table">
              <caption id="p-caption">{t('metrics.public.caption', { month: Number(m), year: y })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('metrics.unit')}</th>
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
                    {t('metrics.col.satisfied')}
                  </th>
                  <th scope="col" className="num">
                    {t('metrics.col.score')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.data.units.map((u) => (
                  <tr key={u.code} data-unit={u.code}>
                    <th scope="row">{u.name}</th>
                    <td className="num" data-value={u.received}>
                      {formatCount(i18n.language, u.received)}
                    </td>
                    <td className="num">{pct(u.onlineRate)}</td>
                    <td className="num">{pct(u.onTimeRate)}</td>
                    <td className="num">{pct(u.onlinePaymentRate)}</td>
                    <td className="num">{pct(u.satisfactionRate)}</td>
                    <td className="num" data-value={u.score}>
                      {formatNumber(i18n.language, u.score)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">{t('metrics.public.note')}</p>
          {data.data.units[0] && (
            <p>
              <Link to={`/man-hinh-quay?unit=${encodeURIComponent(data.data.units[0].code)}`}>{t('metrics.public.screenLink')}</Link>
            </p>
          )}
        </>
      )}
    </section>
  );
}
