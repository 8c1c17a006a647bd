/**
 * Chiến dịch (/can-bo/chi-so/chien-dich): dated campaigns (e.g. Phú Riềng's 30 days, 25/7–25/8/2025) and, for one,
 * its report week by week, each week against the previous one.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDay } from '../format.ts';
import { LoadError, Loading } from '../staff/bits.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import { NoData } from './bits.tsx';
import { rowRates } from './BreakdownTable.tsx';
import { BarChart, LineChart } from './Charts.tsx';
import { MetricsTabs } from './MetricsTabs.tsx';
import { formatCount, formatNumber, formatPercent } from './period.ts';
import { metricsQueries, shown } from './queries.ts';
import './metrics.css';

export function CampaignsPage() {
  const { t } = useTranslation();
  const heading = usePageTitle(t('metrics.campaign.title'));
  const list = shown(useQuery(metricsQueries.campaigns()), t('error.generic'));
  return (
    <section className="metrics-page">
      <h1 ref={heading} tabIndex={-1}>
        {t('metrics.campaign.title')}
      </h1>
      <p className="lead">{t('metrics.campaign.lead')}</p>
      <MetricsTabs current="campaigns" />
      {list.error && <LoadError message={list.error} />}
      {!list.data ? (
        !list.error && <Loading />
      ) : list.data.length === 0 ? (
        <p className="note">{t('metrics.campaign.none')}</p>
      ) : (
        <ul className="metrics-campaigns">
          {list.data.map((c) => (
            <li key={c.id}>
              <Link to={`/can-bo/chi-so/chien-dich/${c.id}`}>{c.name}</Link>{' '}
              <span className="muted">
                {formatDay(c.from)} – {formatDay(c.to)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Change({ value }: { value: number | null }) {
  const { t, i18n } = useTranslation();
  if (value === null) return <span className="muted">—</span>;
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  const word = value > 0 ? t('metrics.campaign.up') : value < 0 ? t('metrics.campaign.down') : t('metrics.campaign.same');
  return (
    <span className={value > 0 ? 'metrics-up' : value < 0 ? 'metrics-down' : undefined}>
      <span aria-hidden="true">{value > 0 ? '▲ ' : value < 0 ? '▼ ' : ''}</span>
      {sign}
      {formatNumber(i18n.language, Math.abs(value))}
      <span className="visually-hidden"> ({word})</span>
    </span>
  );
}

export function CampaignPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const report = shown(useQuery(metricsQueries.campaign(id)), t('error.generic'));
  const heading = usePageTitle(report.data ? report.data.campaign.name : t('metrics.campaign.title'));
  const pct = (v: number | null) => (v === null ? <NoData /> : formatPercent(i18n.language, v));
  return (
    <section className="metrics-page">
      <p>
        <Link to="/can-bo/chi-so/chien-dich" className="back-link">
          {t('metrics.campaign.back')}
        </Link>
      </p>
      {report.error && <LoadError message={report.error} />}
      {!report.data ? (
        !report.error && <Loading />
      ) : (
        <>
          <h1 ref={heading} tabIndex={-1}>
            {report.data.campaign.name}
          </h1>
          <p className="lead">{t('metrics.campaign.dates', { from: formatDay(report.data.campaign.from), to: formatDay(report.data.campaign.to) })}</p>
          <BarChart
            title={t('metrics.campaign.chartScore')}
            bars={report.data.weeks.map((w) => ({
              label: t('metrics.campaign.weekRange', { n: w.week, from: formatDay(w.from), to: formatDay(w.to) }),
              value: w.score,
            }))}
            unit={t('metrics.points')}
            testId="campaign-chart"
          />
          <LineChart
            title={t('metrics.campaign.chartRates')}
            labels={report.data.weeks.map((w) => t('metrics.campaign.weekShort', { n: w.week }))}
            series={[
              { name: t('metrics.col.online'), values: report.data.weeks.map((w) => rowRates(w.row).online) },
              { name: t('metrics.col.onTime'), values: report.data.weeks.map((w) => rowRates(w.row).onTime) },
              { name: t('metrics.col.paidOnline'), values: report.data.weeks.map((w) => rowRates(w.row).paidOnline) },
            ]}
            unit="%"
          />
          <div className="metrics-scroll" tabIndex={0} role="region" aria-labelledby="m-campaign-caption">
            <table className="table metrics-table" data-testid="campaign-table">
              <caption id="m-campaign-caption">{t('metrics.campaign.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('metrics.campaign.week')}</th>
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
                  <th scope="col" className="num">
                    {t('metrics.campaign.change')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.data.weeks.map((w) => {
                  const r = rowRates(w.row);
                  return (
                    <tr key={w.week}>
                      <th scope="row">{t('metrics.campaign.weekRange', { n: w.week, from: formatDay(w.from), to: formatDay(w.to) })}</th>
                      <td className="num">{formatCount(i18n.language, w.row.received)}</td>
                      <td className="num">{pct(r.online)}</td>
                      <td className="num">{pct(r.onTime)}</td>
                      <td className="num">{pct(r.paidOnline)}</td>
                      <td className="num">{pct(r.satisfied)}</td>
                      <td className="num" data-value={w.score}>
                        {formatNumber(i18n.language, w.score)}
                      </td>
                      <td className="num">
                        <Change value={w.change} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p>
            <Link to={`/can-bo/chi-so?kind=campaign&campaign=${encodeURIComponent(id)}&unit=${encodeURIComponent(report.data.campaign.unitId)}`}>
              {t('metrics.campaign.openIndex')}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
