/**
 * Mục tiêu kế hoạch (/can-bo/chi-so/muc-tieu): the unit's plan targets for the period with progress bars, then
 * each official's own targets (e.g. Hưng Đạo's per-official online-dossier rate).
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../staff/bits.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import { ExportLinks, PeriodPicker, UnitSelect, useDefaultUnit } from './bits.tsx';
import { MetricsTabs } from './MetricsTabs.tsx';
import { useMetricsSelection } from './params.ts';
import { TargetList } from './TargetList.tsx';
import { metricsQueries, shown } from './queries.ts';
import './metrics.css';

export function TargetsPage() {
  const { t } = useTranslation();
  const heading = usePageTitle(t('metrics.targets.title'));
  const [sel, update] = useMetricsSelection();
  const fail = t('error.generic');
  const units = shown(useQuery(metricsQueries.units()), fail);
  useDefaultUnit(units.data, sel, update);
  const period = { unit: sel.unit, from: sel.from, to: sel.to };
  const targets = shown(useQuery({ ...metricsQueries.targets(period), enabled: !!sel.unit }), fail);
  const officials = shown(useQuery({ ...metricsQueries.breakdown({ ...period, by: 'official' }), enabled: !!sel.unit }), fail);
  const names = useMemo(() => new Map((officials.data?.rows ?? []).map((r) => [r.key, r.label])), [officials.data]);
  const unitTargets = targets.data?.filter((p) => !p.officialId) ?? [];
  const officialTargets = targets.data?.filter((p) => p.officialId) ?? [];
  return (
    <section className="metrics-page">
      <h1 ref={heading} tabIndex={-1}>
        {t('metrics.targets.title')}
      </h1>
      <p className="lead">{t('metrics.targets.lead')}</p>
      <MetricsTabs current="targets" />
      {units.error && <LoadError message={units.error} />}
      <div className="metrics-controls">
        <div className="filters">
          <UnitSelect units={units.data} value={sel.unit} onChange={(unit) => update({ unit })} />
        </div>
        <PeriodPicker selection={sel} update={update} />
      </div>
      {targets.error && <LoadError message={targets.error} />}
      {!targets.data ? (
        sel.unit && !targets.error && <Loading />
      ) : (
        <>
          <h2>{t('metrics.targets.unitHeading')}</h2>
          <TargetList targets={unitTargets} idPrefix="ut" />
          <h2>{t('metrics.targets.officialHeading')}</h2>
          <TargetList targets={officialTargets} officialNames={names} idPrefix="ot" />
          <ExportLinks unit={sel.unit} from={sel.from} to={sel.to} sheet="Mục tiêu" />
        </>
      )}
    </section>
  );
}
