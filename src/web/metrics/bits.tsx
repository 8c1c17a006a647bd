/** Building blocks of the metrics pages: unit and period pickers, progress bars, "no data", export links. */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MetricsUnit } from '../api/metrics-types.ts';
import { formatDay } from '../format.ts';
import { vnTodayIso } from '../staff/format.ts';
import type { MetricsSelection } from './params.ts';
import { formatNumber, isValidRange, monthRange, quarterOf, quarterRange, yearRange, type PeriodKind } from './period.ts';
import { qs } from '../data/keys.ts';
import { metricsQueries, shown } from './queries.ts';
import { DateInput } from '../components/DateInput.tsx';

/** "Chưa có dữ liệu" in words (never a made-up figure). */
export function NoData() {
  const { t } = useTranslation();
  return <span className="metrics-nodata">{t('metrics.noData')}</span>;
}

/** "—" on screen in dense tables, "Chưa có dữ liệu" for screen readers. */
export function ShortNoData() {
  const { t } = useTranslation();
  return (
    <span className="metrics-nodata">
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{t('metrics.noData')}</span>
    </span>
  );
}

/** The units the official may see (province first, then its communes and departments, as the server orders them). */
export function UnitSelect({
  units,
  value,
  onChange,
  id = 'm-unit',
}: {
  units: MetricsUnit[] | undefined;
  value: string;
  onChange: (v: string) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t('metrics.unit')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={!units}>
        {!units && <option value="">{t('common.loading')}</option>}
        {units?.map((u) => (
          <option key={u.id} value={u.code}>
            {u.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The unit to show: the one in the address when the official may see it, else the first one offered. */
export function useDefaultUnit(units: MetricsUnit[] | undefined, selection: MetricsSelection, update: (p: Partial<MetricsSelection>) => void) {
  useEffect(() => {
    if (!units?.length) return;
    if (units.some((u) => u.code === selection.unit)) return;
    const byId = units.find((u) => u.id === selection.unit);
    update({ unit: byId ? byId.code : units[0].code });
  }, [units, selection.unit, update]);
}

/**
 * Month, quarter, year, a custom range or a campaign week. Each choice applies at once (the figures reload and the
 * address changes); a custom range applies once both days are valid and in order.
 */
export function PeriodPicker({ selection, update }: { selection: MetricsSelection; update: (p: Partial<MetricsSelection>) => void }) {
  const { t } = useTranslation();
  const today = vnTodayIso();
  const year = Number(selection.from.slice(0, 4));
  const month = Number(selection.from.slice(5, 7));
  const years = Array.from({ length: 6 }, (_, i) => Number(today.slice(0, 4)) - i);
  if (!years.includes(year)) years.push(year);
  const [custom, setCustom] = useState({ from: selection.from, to: selection.to });
  useEffect(() => setCustom({ from: selection.from, to: selection.to }), [selection.from, selection.to]);
  const campaigns = shown(useQuery({ ...metricsQueries.campaigns(), enabled: selection.kind === 'campaign' }), t('error.generic'));
  const report = shown(
    useQuery({ ...metricsQueries.campaign(selection.campaign), enabled: selection.kind === 'campaign' && !!selection.campaign }),
    t('error.generic'),
  );

  useEffect(() => {
    if (selection.kind !== 'campaign') return;
    if (!selection.campaign && campaigns.data?.length) update({ campaign: campaigns.data[0].id });
  }, [selection.kind, selection.campaign, campaigns.data, update]);
  useEffect(() => {
    if (selection.kind !== 'campaign' || !report.data) return;
    const weeks = report.data.weeks;
    const chosen = weeks.find((w) => String(w.week) === selection.week) ?? weeks[0];
    const range = chosen ? { from: chosen.from, to: chosen.to } : { from: report.data.campaign.from, to: report.data.campaign.to };
    if (range.from !== selection.from || range.to !== selection.to || (chosen && String(chosen.week) !== selection.week)) {
      update({ from: range.from, to: range.to, week: chosen ? String(chosen.week) : '' });
    }
  }, [selection.kind, selection.week, selection.from, selection.to, report.data, update]);

  const setKind = (kind: PeriodKind) => {
    if (kind === 'month') update({ kind, ...monthRange(selection.from.slice(0, 7)), campaign: '', week: '' });
    else if (kind === 'quarter') update({ kind, ...quarterRange(year, quarterOf(month)), campaign: '', week: '' });
    else if (kind === 'year') update({ kind, ...yearRange(year), campaign: '', week: '' });
    else update({ kind, campaign: kind === 'campaign' ? selection.campaign : '', week: '' });
  };
  const invalidCustom = selection.kind === 'custom' && !isValidRange(custom);

  return (
    <fieldset className="metrics-period">
      <legend>{t('metrics.period.legend')}</legend>
      <div className="filters">
        <div className="field">
          <label htmlFor="m-kind">{t('metrics.period.kind')}</label>
          <select id="m-kind" value={selection.kind} onChange={(e) => setKind(e.target.value as PeriodKind)}>
            {(['month', 'quarter', 'year', 'custom', 'campaign'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`metrics.period.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {selection.kind === 'month' && (
          <div className="field">
            <label htmlFor="m-month">{t('metrics.period.month')}</label>
            <input
              id="m-month"
              type="month"
              value={selection.from.slice(0, 7)}
              max={today.slice(0, 7)}
              onChange={(e) => /^\d{4}-\d{2}$/.test(e.target.value) && update(monthRange(e.target.value))}
            />
          </div>
        )}
        {(selection.kind === 'quarter' || selection.kind === 'year') && (
          <div className="field">
            <label htmlFor="m-year">{t('metrics.period.yearLabel')}</label>
            <select
              id="m-year"
              value={year}
              onChange={(e) => update(selection.kind === 'year' ? yearRange(Number(e.target.value)) : quarterRange(Number(e.target.value), quarterOf(month)))}
            >
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
        )}
        {selection.kind === 'quarter' && (
          <div className="field">
            <label htmlFor="m-quarter">{t('metrics.period.quarter')}</label>
            <select id="m-quarter" value={quarterOf(month)} onChange={(e) => update(quarterRange(year, Number(e.target.value)))}>
              {[1, 2, 3, 4].map((q) => (
                <option key={q} value={q}>
                  {t('metrics.period.quarterN', { n: q })}
                </option>
              ))}
            </select>
          </div>
        )}
        {selection.kind === 'custom' && (
          <>
            <div className="field">
              <label htmlFor="m-from">{t('metrics.period.from')}</label>
              <DateInput
                id="m-from"
                value={custom.from}
                aria-describedby={invalidCustom ? 'm-range-error' : undefined}
                onChange={(v) => {
                  const next = { ...custom, from: v };
                  setCustom(next);
                  if (isValidRange(next)) update(next);
                }}
              />
            </div>
            <div className="field">
              <label htmlFor="m-to">{t('metrics.period.to')}</label>
              <DateInput
                id="m-to"
                value={custom.to}
                aria-describedby={invalidCustom ? 'm-range-error' : undefined}
                onChange={(v) => {
                  const next = { ...custom, to: v };
                  setCustom(next);
                  if (isValidRange(next)) update(next);
                }}
              />
            </div>
          </>
        )}
        {selection.kind === 'campaign' && (
          <>
            <div className="field">
              <label htmlFor="m-campaign">{t('metrics.period.campaignLabel')}</label>
              <select id="m-campaign" value={selection.campaign} onChange={(e) => update({ campaign: e.target.value, week: '' })} disabled={!campaigns.data}>
                {!campaigns.data && <option value="">{t('common.loading')}</option>}
                {campaigns.data?.length === 0 && <option value="">{t('metrics.campaign.none')}</option>}
                {campaigns.data?.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="m-week">{t('metrics.period.week')}</label>
              <select id="m-week" value={selection.week} onChange={(e) => update({ week: e.target.value })} disabled={!report.data}>
                {report.data?.weeks.map((w) => (
                  <option key={w.week} value={w.week}>
                    {t('metrics.campaign.weekRange', { n: w.week, from: formatDay(w.from), to: formatDay(w.to) })}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
      </div>
      {invalidCustom && (
        <p className="field-error" id="m-range-error" role="alert">
          {t('metrics.period.invalidRange')}
        </p>
      )}
      <p className="muted metrics-range" data-testid="metrics-range">
        {t('metrics.period.shown', { from: formatDay(selection.from), to: formatDay(selection.to) })}
      </p>
    </fieldset>
  );
}

/**
 * A progress bar against a target: role=progressbar with the value, its range and a sentence for screen readers.
 * For "at most" targets (minutes) the bar is full when the actual value is at or under the target.
 */
export function TargetBar({
  label,
  actual,
  target,
  comparison,
  unit,
  met,
  id,
}: {
  label: string;
  actual: number | null;
  target: number;
  comparison: 'at_least' | 'at_most';
  unit: '%' | 'min';
  met: boolean | null;
  id: string;
}) {
  const { t, i18n } = useTranslation();
  const max = unit === '%' ? 100 : Math.max(target, actual ?? 0) * 1.25 || 1;
  const shownUnit = unit === '%' ? ' %' : ` ${t('metrics.minutes')}`;
  const state = actual === null ? 'nodata' : met ? 'met' : 'notmet';
  const text =
    actual === null
      ? t('metrics.targets.valueNoData', { target: formatNumber(i18n.language, target) + shownUnit, cmp: t(`metrics.targets.${comparison}`) })
      : t('metrics.targets.valueText', {
          actual: formatNumber(i18n.language, actual) + shownUnit,
          cmp: t(`metrics.targets.${comparison}`),
          target: formatNumber(i18n.language, target) + shownUnit,
          state: t(`metrics.targets.state.${state}`),
        });
  return (
    <div className={`metrics-target metrics-target-${state}`}>
      <div className="metrics-target-head">
        <span id={`${id}-label`}>{label}</span>
        <span className="metrics-target-value">
          <span aria-hidden="true">{state === 'met' ? '✓ ' : state === 'notmet' ? '⚠ ' : ''}</span>
          {text}
        </span>
      </div>
      <div
        className="metrics-bar"
        role="progressbar"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={Math.round(max * 100) / 100}
        aria-valuenow={actual === null ? undefined : Math.max(0, Math.min(actual, max))}
        aria-valuetext={text}
        data-testid={id}
      >
        <div className="metrics-bar-fill" style={{ width: `${actual === null ? 0 : Math.max(0, Math.min(100, (actual / max) * 100))}%` }} />
        <div className="metrics-bar-mark" style={{ left: `${Math.min(100, (target / max) * 100)}%` }} aria-hidden="true" />
      </div>
    </div>
  );
}

/** The Excel workbook of the period (every table has its sheet) and the printable PDF report. */
export function ExportLinks({ unit, from, to, sheet }: { unit: string; from: string; to: string; sheet?: string }) {
  const { t } = useTranslation();
  const q = qs({ unit, from, to });
  return (
    <p className="button-row metrics-export">
      <a className="button button-secondary" href={`/api/metrics/export.xlsx?${q}`} download data-testid="export-xlsx">
        {t('metrics.export.xlsx')}
        {sheet && <span className="visually-hidden"> {t('metrics.export.sheet', { sheet })}</span>}
      </a>
    </p>
  );
}

export function PdfReportLink({ unit, from, to }: { unit: string; from: string; to: string }) {
  const { t } = useTranslation();
  return (
    <a className="button button-secondary" href={`/api/metrics/report.pdf?${qs({ unit, from, to })}`} target="_blank" rel="noopener" data-testid="report-pdf">
      {t('metrics.export.pdf')}
      <span className="visually-hidden"> {t('staff.common.opensNewTab')}</span>
    </a>
  );
}
