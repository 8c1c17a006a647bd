/**
 * Chỉ số phục vụ (/can-bo/chi-so): the live Decision 766 index of a unit for a period — total and group scores, the
 * table of every indicator (each figure drills down to its dossiers), the plan targets with progress bars, the
 * 12-month trend, a comparison by unit, procedure, official or week, the Excel workbook and the PDF report.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BreakdownRow } from '../api/metrics-types.ts';
import { LoadError, Loading } from '../staff/bits.tsx';
import { vnDateTime } from '../staff/format.ts';
import { usePageTitle } from '../usePageTitle.ts';
import { BreakdownTable, rowRates } from './BreakdownTable.tsx';
import { ExportLinks, PdfReportLink, PeriodPicker, UnitSelect, useDefaultUnit } from './bits.tsx';
import { BarChart, LineChart } from './Charts.tsx';
import { IndicatorTable } from './IndicatorTable.tsx';
import { MetricsTabs } from './MetricsTabs.tsx';
import { useMetricsSelection } from './params.ts';
import { formatNumber, monthsEndingAt } from './period.ts';
import { TargetList } from './TargetList.tsx';
import { qs } from '../data/keys.ts';
import { metricsQueries, shown } from './queries.ts';
import './metrics.css';

type By = 'unit' | 'procedure' | 'official' | 'week';

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const heading = usePageTitle(t('metrics.dashboard.title'));
  const [sel, update] = useMetricsSelection();
  const fail = t('error.generic');
  const units = shown(useQuery(metricsQueries.units()), fail);
  useDefaultUnit(units.data, sel, update);
  const ready = !!sel.unit;
  const period = { unit: sel.unit, from: sel.from, to: sel.to };
  const report = shown(useQuery({ ...metricsQueries.index766({ ...period, procedure: sel.procedure, official: sel.official }), enabled: ready }), fail);
  const trendRange = monthsEndingAt(sel.to, 12);
  const trend = shown(useQuery({ ...metricsQueries.breakdown({ unit: sel.unit, ...trendRange, by: 'month' }), enabled: ready }), fail);
  const [by, setBy] = useState<By>('unit');
  const breakdown = shown(useQuery({ ...metricsQueries.breakdown({ ...period, by }), enabled: ready }), fail);
  const targets = shown(useQuery({ ...metricsQueries.targets(period), enabled: ready }), fail);
  const unitTargets = targets.data?.filter((p) => !p.officialId) ?? [];

  const trendLabels = trend.data?.rows.map((r) => (/^\d{4}-\d{2}$/.test(r.key) ? `${r.key.slice(5, 7)}/${r.key.slice(0, 4)}` : r.label)) ?? [];
  const trendSeries = useMemo(() => {
    const rows = trend.data?.rows ?? [];
    return [
      { name: t('metrics.dashboard.seriesScore'), values: rows.map((r) => r.score) },
      { name: t('metrics.col.online'), values: rows.map((r) => rowRates(r).online) },
      { name: t('metrics.col.onTime'), values: rows.map((r) => rowRates(r).onTime) },
      { name: t('metrics.col.paidOnline'), values: rows.map((r) => rowRates(r).paidOnline) },
    ];
  }, [trend.data, t]);

  const rowLink = (row: BreakdownRow): string | null => {
    const base = { from: sel.from, to: sel.to, kind: sel.kind };
    if (by === 'unit') return `/can-bo/chi-so?${qs({ ...base, unit: row.key })}`;
    if (by === 'procedure') return `/can-bo/chi-so?${qs({ ...base, unit: sel.unit, procedure: row.key })}`;
    if (by === 'official') return `/can-bo/chi-so?${qs({ ...base, unit: sel.unit, official: row.key })}`;
    return null;
  };
  const filterName = sel.procedure
    ? t('metrics.dashboard.filterProcedure', { code: sel.procedure })
    : sel.official
      ? t('metrics.dashboard.filterOfficial', {
          name: breakdown.data?.by === 'official' ? (breakdown.data.rows.find((r) => r.key === sel.official)?.label ?? sel.official) : sel.official,
        })
      : null;

  return (
    <section className="metrics-page">
      <h1 ref={heading} tabIndex={-1}>
        {t('metrics.dashboard.title')}
      </h1>
      <p className="lead">{t('metrics.dashboard.lead')}</p>
      <MetricsTabs current="dashboard" />
      {units.error && <LoadError message={units.error} />}
      {units.data?.length === 0 && <p className="note">{t('metrics.noUnits')}</p>}
      <div className="metrics-controls">
        <div className="filters">
          <UnitSelect units={units.data} value={sel.unit} onChange={(unit) => update({ unit, procedure: '', official: '' })} />
        </div>
        <PeriodPicker selection={sel} update={update} />
      </div>
      {filterName && (
        <p className="panel-info metrics-filter">
          {filterName}{' '}
          <Link to={`/can-bo/chi-so?${qs({ unit: sel.unit, from: sel.from, to: sel.to, kind: sel.kind })}`}>{t('metrics.dashboard.clearFilter')}</Link>
        </p>
      )}
      {report.error && <LoadError message={report.error} />}
      {!report.data ? (
        ready && !report.error && <Loading />
      ) : (
        <div aria-busy={report.loading}>
          <div className="metrics-score" data-testid="score">
            <p className="metrics-score-total">
              <span className="metrics-score-label">{t('metrics.dashboard.total', { unit: report.data.unit.name })}</span>
              <span className="metrics-score-number" data-value={report.data.total.points}>
                {formatNumber(i18n.language, report.data.total.points)}
              </span>
              <span className="metrics-score-max">
                {' '}
                / {report.data.total.maxPoints} {t('metrics.points')}
              </span>
            </p>
            <ul className="metrics-groups">
              {report.data.groups.map((g) => (
                <li key={g.code}>
                  <span id={`g-${g.code}`}>{g.name}</span>
                  <div
                    className="metrics-bar"
                    role="progressbar"
                    aria-labelledby={`g-${g.code}`}
                    aria-valuemin={0}
                    aria-valuemax={g.maxPoints}
                    aria-valuenow={g.points}
                    aria-valuetext={t('metrics.dashboard.groupText', { points: formatNumber(i18n.language, g.points), max: g.maxPoints })}
                  >
                    <div className="metrics-bar-fill" style={{ width: `${g.maxPoints ? (g.points / g.maxPoints) * 100 : 0}%` }} />
                  </div>
                  <span className="metrics-group-points">
                    {formatNumber(i18n.language, g.points)} / {g.maxPoints}
                  </span>
                </li>
              ))}
            </ul>
            <p className="muted">{t('metrics.dashboard.asOf', { at: vnDateTime(t, report.data.asOf) })}</p>
          </div>
          <h2>{t('metrics.dashboard.indexHeading')}</h2>
          <IndicatorTable report={report.data} sel={sel} />
          <div className="button-row">
            <ExportLinks unit={sel.unit} from={sel.from} to={sel.to} sheet="Chỉ số 766" />
            <PdfReportLink unit={sel.unit} from={sel.from} to={sel.to} />
          </div>
        </div>
      )}

      {ready && (
        <>
          <h2>{t('metrics.targets.heading')}</h2>
          {targets.error ? <LoadError message={targets.error} /> : !targets.data ? <Loading /> : <TargetList targets={unitTargets} idPrefix="dt" />}
          <p>
            <Link to={`/can-bo/chi-so/muc-tieu?${qs({ unit: sel.unit, from: sel.from, to: sel.to, kind: sel.kind })}`}>{t('metrics.targets.all')}</Link>
          </p>

          <h2>{t('metrics.dashboard.trendHeading')}</h2>
          {trend.error ? (
            <LoadError message={trend.error} />
          ) : !trend.data ? (
            <Loading />
          ) : (
            <>
              <LineChart
                title={t('metrics.dashboard.trendTitle')}
                labels={trendLabels}
                series={trendSeries}
                unit={t('metrics.chart.pointsOrPercent')}
                testId="trend-chart"
              />
              <ExportLinks unit={sel.unit} from={trendRange.from} to={trendRange.to} sheet={t('metrics.by.month')} />
            </>
          )}

          <h2 id="m-compare">{t('metrics.dashboard.compareHeading')}</h2>
          <div className="tabs" role="group" aria-labelledby="m-compare">
            {(['unit', 'procedure', 'official', 'week'] as const).map((b) => (
              <button key={b} type="button" className="tab" aria-pressed={by === b} onClick={() => setBy(b)}>
                {t(`metrics.by.${b}`)}
              </button>
            ))}
          </div>
          {breakdown.error ? (
            <LoadError message={breakdown.error} />
          ) : !breakdown.data || breakdown.data.by !== by ? (
            <Loading />
          ) : (
            <>
              {by === 'unit' ? (
                <BarChart
                  title={t('metrics.dashboard.compareUnits')}
                  bars={breakdown.data.rows.map((r) => ({ label: r.label, value: r.score }))}
                  unit={t('metrics.points')}
                  testId="compare-chart"
                />
              ) : (
                <BarChart
                  title={t('metrics.dashboard.compareOnline', { by: t(`metrics.by.${by}`) })}
                  bars={breakdown.data.rows.slice(0, 15).map((r) => ({ label: r.label, value: rowRates(r).online }))}
                  unit="%"
                  testId="compare-chart"
                />
              )}
              <BreakdownTable data={breakdown.data} rowLink={rowLink} caption={t('metrics.dashboard.breakdownCaption', { by: t(`metrics.by.${by}`) })} />
              <ExportLinks unit={sel.unit} from={sel.from} to={sel.to} sheet={t(`metrics.by.${by}`)} />
            </>
          )}
        </>
      )}
    </section>
  );
}
