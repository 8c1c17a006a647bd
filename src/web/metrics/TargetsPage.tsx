/**
 * Mục tiêu kế hoạch (/can-bo/chi-so/muc-tieu): the unit's plan targets for the period with progress bars, then
 * each official's own targets (e.g. Hưng Đạo's per-official online-dossier rate).
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Breakdown, MetricsUnit, TargetProgress } from '../api/metrics-types.ts';
import { LoadError, Loading } from '../staff/bits.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import { ExportLinks, PeriodPicker, UnitSelect, useDefaultUnit } from './bits.tsx';
import { MetricsTabs } from './MetricsTabs.tsx';
import { useMetricsSelection } from './params.ts';
import { TargetList } from './TargetList.tsx';
import { qs, useApi } from './useApi.ts';
import './metrics.css';

export function TargetsPage() {
  const { t } = useTranslation();
  const heading = usePageTitle(t('metrics.targets.title'));
  const [sel, update] = useMetricsSelection();
  const fail = t('error.generic');
  const units = useApi<MetricsUnit[]>('/api/metrics/units', fail);
  useDefaultUnit(units.data, sel, update);
  const period = { unit: sel.unit, from: sel.from, to: sel.to };
  const targets = useApi<TargetProgress[]>(sel.unit ? `/api/metrics/targets?${qs(period)}` : null, fail);
  const officials = useApi<Breakdown>(sel.unit ? `/api/metrics/breakdown?${qs({ ...period, by: 'official' })}` : null, fail);
  const names = useMemo(() => new Map((officials.data?.rows ?? []).map((r) => [r.key, r.label])), [officials.data]);
  const unitTargets = targets.data?.filter((p) => !p.officialId) ?? [];
  const officialTargets = targets.data?.filter((p) => p.officialId) ?? [];
  return (
    <section className="metrics-page">
      <h1 ref={heading} tabIndex={-1}>{t('metrics.targets.title')}</h1>
      <p className="lead">{t('metrics.targets.lead')}</p>
      <MetricsTabs current="targets" />
      {units.error && <LoadError message={units.error} />}
      <div className="metrics-controls">
        <div className="filters"><UnitSelect units={units.data} value={sel.unit} onChange={(unit) => update({ unit })} /></div>
        <PeriodPicker selection={sel} update={update} />
      </div>
      {targets.error && <LoadError message={targets.error} />}
      {!targets.data ? sel.unit && !targets.error && <Loading /> : (
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
