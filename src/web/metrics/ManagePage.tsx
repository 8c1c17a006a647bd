/**
 * Quản lý mục tiêu và chiến dịch (/can-bo/chi-so/quan-ly, system and unit administrators): plan targets as goals
 * with an effective period (for a unit, or for one official of it), and dated campaigns. The server validates every
 * write and answers in Vietnamese; its messages are shown as they come.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { TargetMetric } from '../api/metrics-types.ts';
import { formatDay } from '../format.ts';
import { LoadError, Loading } from '../staff/bits.tsx';
import { errorMessage, vnTodayIso } from '../staff/format.ts';
import { useStaff } from '../staff/StaffSession.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import { MANAGE_ROLES } from './access.ts';
import { UnitSelect, useDefaultUnit } from './bits.tsx';
import { MetricsTabs } from './MetricsTabs.tsx';
import { useMetricsSelection } from './params.ts';
import { formatNumber, isDay } from './period.ts';
import { defaultComparison, TARGET_METRICS, targetUnit } from './targets.ts';
import { keys } from '../data/keys.ts';
import { adminQueries } from '../admin/queries.ts';
import { metricsQueries, shown } from './queries.ts';
import './metrics.css';
import { DateInput } from '../components/DateInput.tsx';

interface OfficialRef {
  id: string;
  fullName: string;
}

export function ManagePage() {
  const { t, i18n } = useTranslation();
  const heading = usePageTitle(t('metrics.manage.title'));
  const { hasRole } = useStaff();
  const [sel, update] = useMetricsSelection();
  const fail = t('error.generic');
  const qc = useQueryClient();
  const units = shown(useQuery(metricsQueries.units()), fail);
  useDefaultUnit(units.data, sel, update);
  const unit = units.data?.find((u) => u.code === sel.unit);
  const year = Number(vnTodayIso().slice(0, 4));
  const targets = shown(
    useQuery({ ...metricsQueries.targets({ unit: sel.unit, from: `${year - 1}-01-01`, to: `${year + 1}-12-31` }), enabled: !!sel.unit }),
    fail,
  );
  const officials = shown(useQuery({ ...adminQueries.officials({ unitId: unit?.id, pageSize: 200 }), enabled: !!unit }), fail);
  const campaigns = shown(useQuery(metricsQueries.campaigns()), fail);
  // Targets and campaigns show on every metrics page: a change marks them all stale.
  const changed = () => void qc.invalidateQueries({ queryKey: keys.metrics.all });
  const [announce, setAnnounce] = useState('');

  if (!hasRole(...MANAGE_ROLES))
    return (
      <p className="error-box" role="alert">
        {t('metrics.manage.forbidden')}
      </p>
    );
  const names = new Map((officials.data?.items ?? []).map((o) => [o.id, o.fullName]));
  const remove = async (kind: 'targets' | 'campaigns', id: string, label: string) => {
    if (!window.confirm(t('metrics.manage.confirmDelete', { label }))) return;
    try {
      await api(`/api/admin/${kind}/${encodeURIComponent(id)}`, { method: 'DELETE' });
      setAnnounce(t('metrics.manage.deleted', { label }));
      changed();
    } catch (e) {
      setAnnounce(errorMessage(e, fail));
    }
  };

  return (
    <section className="metrics-page">
      <h1 ref={heading} tabIndex={-1}>
        {t('metrics.manage.title')}
      </h1>
      <p className="lead">{t('metrics.manage.lead')}</p>
      <MetricsTabs current="manage" />
      <div role="status" aria-live="polite" className={announce ? 'panel-info' : 'announce'} data-testid="manage-announce">
        {announce}
      </div>
      {units.error && <LoadError message={units.error} />}
      <div className="filters">
        <UnitSelect units={units.data} value={sel.unit} onChange={(u) => update({ unit: u })} />
      </div>

      <h2>{t('metrics.manage.targetsHeading')}</h2>
      {targets.error && <LoadError message={targets.error} />}
      {!targets.data ? (
        !targets.error && sel.unit && <Loading />
      ) : targets.data.length === 0 ? (
        <p className="note">{t('metrics.targets.none')}</p>
      ) : (
        <div className="metrics-scroll" tabIndex={0} role="region" aria-labelledby="m-manage-targets">
          <table className="table metrics-table">
            <caption id="m-manage-targets" className="visually-hidden">
              {t('metrics.manage.targetsHeading')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('metrics.manage.metric')}</th>
                <th scope="col">{t('metrics.manage.official')}</th>
                <th scope="col" className="num">
                  {t('metrics.manage.value')}
                </th>
                <th scope="col">{t('metrics.manage.effective')}</th>
                <th scope="col">{t('metrics.manage.basis')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('metrics.manage.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {targets.data.map((p) => {
                const label = t(`metrics.metric.${p.metric}`);
                return (
                  <tr key={p.id}>
                    <th scope="row">{label}</th>
                    <td>{p.officialId ? (p.officialName ?? names.get(p.officialId) ?? p.officialId) : t('metrics.manage.wholeUnit')}</td>
                    <td className="num">
                      {t(`metrics.targets.${p.comparison}`)} {formatNumber(i18n.language, p.value)}
                      {targetUnit(p.metric) === '%' ? ' %' : ` ${t('metrics.minutes')}`}
                    </td>
                    <td>
                      {formatDay(p.effectiveFrom)} – {p.effectiveTo ? formatDay(p.effectiveTo) : t('metrics.targets.openEnded')}
                    </td>
                    <td>{p.basis}</td>
                    <td>
                      <button type="button" className="link-button" onClick={() => void remove('targets', p.id, label)}>
                        {t('metrics.manage.delete')}
                        <span className="visually-hidden"> {label}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {unit && (
        <TargetForm
          unitId={unit.id}
          officials={officials.data?.items ?? []}
          onSaved={(label) => {
            setAnnounce(t('metrics.manage.saved', { label }));
            changed();
          }}
        />
      )}

      <h2>{t('metrics.manage.campaignsHeading')}</h2>
      {campaigns.error && <LoadError message={campaigns.error} />}
      {campaigns.data &&
        (campaigns.data.length === 0 ? (
          <p className="note">{t('metrics.campaign.none')}</p>
        ) : (
          <ul className="metrics-campaigns">
            {campaigns.data.map((c) => (
              <li key={c.id}>
                {c.name}{' '}
                <span className="muted">
                  {formatDay(c.from)} – {formatDay(c.to)}
                </span>{' '}
                <button type="button" className="link-button" onClick={() => void remove('campaigns', c.id, c.name)}>
                  {t('metrics.manage.delete')}
                  <span className="visually-hidden"> {c.name}</span>
                </button>
              </li>
            ))}
          </ul>
        ))}
      {unit && (
        <CampaignForm
          unitId={unit.id}
          onSaved={(label) => {
            setAnnounce(t('metrics.manage.saved', { label }));
            changed();
          }}
        />
      )}
    </section>
  );
}

function TargetForm({ unitId, officials, onSaved }: { unitId: string; officials: OfficialRef[]; onSaved: (label: string) => void }) {
  const { t } = useTranslation();
  const year = vnTodayIso().slice(0, 4);
  const [metric, setMetric] = useState<TargetMetric>('online_dossier_rate');
  const [officialId, setOfficialId] = useState('');
  const [value, setValue] = useState('');
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [basis, setBasis] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const v = Number(value.replace(',', '.'));
    const next: Record<string, string> = {};
    if (!value.trim() || !Number.isFinite(v) || v < 0 || (targetUnit(metric) === '%' && v > 100))
      next.value = t(targetUnit(metric) === '%' ? 'metrics.manage.errPercent' : 'metrics.manage.errMinutes');
    if (!isDay(from)) next.from = t('metrics.manage.errDay');
    if (to && (!isDay(to) || to < from)) next.to = t('metrics.manage.errTo');
    if (!basis.trim()) next.basis = t('metrics.manage.errBasis');
    setErrors(next);
    if (Object.keys(next).length) return;
    try {
      await api('/api/admin/targets', {
        method: 'POST',
        body: {
          unitId,
          officialId: officialId || null,
          metric,
          value: v,
          comparison: defaultComparison(metric),
          effectiveFrom: from,
          effectiveTo: to || null,
          basis: basis.trim(),
        },
      });
      setServerError(null);
      setValue('');
      onSaved(t(`metrics.metric.${metric}`));
    } catch (err) {
      setServerError(errorMessage(err, t('error.generic')));
    }
  };
  const err = (k: string) =>
    errors[k] ? (
      <p className="field-error" id={`tf-${k}-error`} role="alert">
        {errors[k]}
      </p>
    ) : null;
  const desc = (k: string) => (errors[k] ? `tf-${k}-error` : undefined);
  return (
    <form onSubmit={submit} noValidate className="metrics-form" aria-labelledby="tf-title">
      <h3 id="tf-title">{t('metrics.manage.newTarget')}</h3>
      {serverError && (
        <div className="error-box" role="alert">
          {serverError}
        </div>
      )}
      <div className="form-group">
        <label htmlFor="tf-metric">{t('metrics.manage.metric')}</label>
        <select id="tf-metric" value={metric} onChange={(e) => setMetric(e.target.value as TargetMetric)}>
          {TARGET_METRICS.map((m) => (
            <option key={m} value={m}>
              {t(`metrics.metric.${m}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group">
        <label htmlFor="tf-official">{t('metrics.manage.official')}</label>
        <select id="tf-official" value={officialId} onChange={(e) => setOfficialId(e.target.value)}>
          <option value="">{t('metrics.manage.wholeUnit')}</option>
          {officials.map((o) => (
            <option key={o.id} value={o.id}>
              {o.fullName}
            </option>
          ))}
        </select>
      </div>
      <div className={`form-group${errors.value ? ' has-error' : ''}`}>
        <label htmlFor="tf-value">
          {t('metrics.manage.valueLabel', {
            cmp: t(`metrics.targets.${defaultComparison(metric)}`),
            unit: targetUnit(metric) === '%' ? '%' : t('metrics.minutes'),
          })}
        </label>
        {err('value')}
        <input id="tf-value" type="text" inputMode="decimal" value={value} aria-describedby={desc('value')} onChange={(e) => setValue(e.target.value)} />
      </div>
      <div className="filters">
        <div className={`field${errors.from ? ' has-error' : ''}`}>
          <label htmlFor="tf-from">{t('metrics.manage.from')}</label>
          {err('from')}
          <DateInput id="tf-from" value={from} aria-describedby={desc('from')} onChange={setFrom} />
        </div>
        <div className={`field${errors.to ? ' has-error' : ''}`}>
          <label htmlFor="tf-to">{t('metrics.manage.to')}</label>
          {err('to')}
          <DateInput id="tf-to" value={to} aria-describedby={desc('to')} onChange={setTo} />
        </div>
      </div>
      <div className={`form-group${errors.basis ? ' has-error' : ''}`}>
        <label htmlFor="tf-basis">{t('metrics.manage.basis')}</label>
        <p className="hint" id="tf-basis-hint">
          {t('metrics.manage.basisHint')}
        </p>
        {err('basis')}
        <input
          id="tf-basis"
          type="text"
          value={basis}
          aria-describedby={['tf-basis-hint', desc('basis')].filter(Boolean).join(' ')}
          onChange={(e) => setBasis(e.target.value)}
        />
      </div>
      <button type="submit" className="button">
        {t('metrics.manage.addTarget')}
      </button>
    </form>
  );
}

function CampaignForm({ unitId, onSaved }: { unitId: string; onSaved: (label: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!name.trim()) next.name = t('metrics.manage.errName');
    if (!isDay(from)) next.from = t('metrics.manage.errDay');
    if (!isDay(to) || to < from) next.to = t('metrics.manage.errTo');
    setErrors(next);
    if (Object.keys(next).length) return;
    try {
      await api('/api/admin/campaigns', { method: 'POST', body: { unitId, name: name.trim(), from, to } });
      setServerError(null);
      setName('');
      onSaved(name.trim());
    } catch (err) {
      setServerError(errorMessage(err, t('error.generic')));
    }
  };
  const err = (k: string) =>
    errors[k] ? (
      <p className="field-error" id={`cf-${k}-error`} role="alert">
        {errors[k]}
      </p>
    ) : null;
  const desc = (k: string) => (errors[k] ? `cf-${k}-error` : undefined);
  return (
    <form onSubmit={submit} noValidate className="metrics-form" aria-labelledby="cf-title">
      <h3 id="cf-title">{t('metrics.manage.newCampaign')}</h3>
      {serverError && (
        <div className="error-box" role="alert">
          {serverError}
        </div>
      )}
      <div className={`form-group${errors.name ? ' has-error' : ''}`}>
        <label htmlFor="cf-name">{t('metrics.manage.campaignName')}</label>
        {err('name')}
        <input id="cf-name" type="text" value={name} aria-describedby={desc('name')} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="filters">
        <div className={`field${errors.from ? ' has-error' : ''}`}>
          <label htmlFor="cf-from">{t('metrics.manage.from')}</label>
          {err('from')}
          <DateInput id="cf-from" value={from} aria-describedby={desc('from')} onChange={setFrom} />
        </div>
        <div className={`field${errors.to ? ' has-error' : ''}`}>
          <label htmlFor="cf-to">{t('metrics.manage.to')}</label>
          {err('to')}
          <DateInput id="cf-to" value={to} aria-describedby={desc('to')} onChange={setTo} />
        </div>
      </div>
      <button type="submit" className="button">
        {t('metrics.manage.addCampaign')}
      </button>
    </form>
  );
}
