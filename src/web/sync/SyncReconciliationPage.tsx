/**
 * Đối soát đồng bộ Cổng DVCQG (/can-bo/dong-bo-dvcqg): for a unit the official oversees and a month, the dossiers
 * received locally against those the national portal acknowledged, what waits and what failed with the portal's
 * answer, a resend per dossier, the Excel export, and indicator 1.4 exactly as the 766 index computes it
 * (GET /api/staff/national-sync/reconciliation; docs/integrations.md "Cổng DVCQG"). The selection is kept in the
 * address (?unit=&month=).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Reconciliation } from '../../contract/national-sync.ts';
import { api } from '../api/client.ts';
import type { MetricsUnit } from '../api/metrics-types.ts';
import { qs } from '../data/keys.ts';
import { apiQuery } from '../data/query.ts';
import { errorMessage, vnTodayIso } from '../staff/format.ts';
import { LoadError, Loading, When } from '../staff/bits.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import '../i18n/sync.ts';
import './sync.css';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const syncKey = (unit: string, month: string) => ['staff', 'national-sync', 'reconciliation', unit, month] as const;

export function SyncReconciliationPage() {
  const { t, i18n } = useTranslation();
  const heading = usePageTitle(t('sync.title'));
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const month = MONTH.test(params.get('month') ?? '') ? params.get('month')! : vnTodayIso().slice(0, 7);
  const unit = params.get('unit') ?? '';
  const set = useCallback(
    (patch: Record<string, string>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) next.set(k, v);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const units = useQuery({ ...apiQuery<MetricsUnit[]>(['staff', 'national-sync', 'units'], '/api/metrics/units'), staleTime: 10 * 60_000 });
  // The unit in the address when the official oversees it, else the first one offered.
  useEffect(() => {
    const list = units.data;
    if (!list?.length || list.some((u) => u.code === unit)) return;
    set({ unit: list[0].code });
  }, [units.data, unit, set]);
  const ready = !!unit && !!units.data?.some((u) => u.code === unit);
  const report = useQuery({
    ...apiQuery<Reconciliation>(syncKey(unit, month), `/api/staff/national-sync/reconciliation?${qs({ unit, month })}`),
    enabled: ready,
  });

  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const resend = useMutation({
    mutationFn: (p: { id: string; code: string }) =>
      api<{ requeued: number }>(`/api/staff/national-sync/dossiers/${p.id}/resend`, { method: 'POST', body: {} }),
    onSuccess: (r, p) => {
      setNotice({ ok: true, text: r.requeued > 0 ? t('sync.resent', { n: r.requeued, code: p.code }) : t('sync.resendNone', { code: p.code }) });
      void qc.invalidateQueries({ queryKey: ['staff', 'national-sync', 'reconciliation'] });
    },
    onError: (err, p) => setNotice({ ok: false, text: errorMessage(err, t('sync.resendError', { code: p.code })) }),
  });

  const r = report.data;
  const ratio = (x: number) => new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'vi-VN', { style: 'percent', maximumFractionDigits: 1 }).format(x);
  const points = (x: number) => new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 2 }).format(x);

  return (
    <section className="sync-reconciliation">
      <h1 ref={heading} tabIndex={-1}>
        {t('sync.title')}
      </h1>
      <p>{t('sync.lead')}</p>
      {units.error && <LoadError message={errorMessage(units.error, t('sync.loadError'))} />}
      {units.data?.length === 0 && <p className="note">{t('sync.noUnits')}</p>}
      <div className="filters">
        <div className="field">
          <label htmlFor="sync-unit">{t('sync.unit')}</label>
          <select id="sync-unit" value={unit} onChange={(e) => set({ unit: e.target.value })} disabled={!units.data}>
            {!units.data && <option value="">{t('common.loading')}</option>}
            {units.data?.map((u) => (
              <option key={u.id} value={u.code}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sync-month">{t('sync.month')}</label>
          <input id="sync-month" type="month" value={month} onChange={(e) => MONTH.test(e.target.value) && set({ month: e.target.value })} />
        </div>
      </div>
      {ready && report.error && <LoadError message={errorMessage(report.error, t('sync.loadError'))} />}
      {ready && !r && !report.error && <Loading />}
      {r && (
        <>
          <h2>{t('sync.summary', { month: r.month })}</h2>
          <dl className="sync-summary" data-testid="sync-summary">
            <div>
              <dt>{t('sync.received')}</dt>
              <dd data-testid="sync-received">{r.received}</dd>
            </div>
            <div>
              <dt>{t('sync.acknowledged')}</dt>
              <dd data-testid="sync-acknowledged">{r.acknowledged}</dd>
            </div>
            <div>
              <dt>{t('sync.pending')}</dt>
              <dd data-testid="sync-pending">{r.pending}</dd>
            </div>
            <div>
              <dt>{t('sync.failed')}</dt>
              <dd data-testid="sync-failed">{r.failed}</dd>
            </div>
            <div>
              <dt>{t('sync.indicator')}</dt>
              <dd data-testid="sync-indicator" data-points={r.indicator.points ?? ''}>
                {r.indicator.points === null || r.indicator.ratio === null
                  ? t('sync.indicatorNone')
                  : t('sync.indicatorValue', { points: points(r.indicator.points), max: r.indicator.maxPoints, ratio: ratio(r.indicator.ratio) })}
              </dd>
            </div>
          </dl>
          <p>
            <a href={`/api/staff/national-sync/reconciliation.xlsx?${qs({ unit, month })}`} download>
              {t('sync.excel')}
            </a>
          </p>
          {notice && (
            <p role={notice.ok ? 'status' : 'alert'} className={notice.ok ? 'notice' : 'error-box'}>
              {notice.text}
            </p>
          )}
          {r.problems.length === 0 ? (
            <p>{t('sync.allSynced')}</p>
          ) : (
            <div>
              <table className="table responsive-table sync-problems" data-testid="sync-problems">
                <caption>{t('sync.problems')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('sync.code')}</th>
                    <th scope="col">{t('sync.procedure')}</th>
                    <th scope="col">{t('sync.receivedAt')}</th>
                    <th scope="col">{t('sync.state')}</th>
                    <th scope="col">{t('sync.reason')}</th>
                    <th scope="col">{t('sync.attempts')}</th>
                    <th scope="col">{t('sync.action')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.problems.map((p) => (
                    <tr key={p.dossierId} data-code={p.code}>
                      <td data-label={t('sync.code')}>
                        <span>{p.code}</span>
                      </td>
                      <td data-label={t('sync.procedure')}>
                        <span>{p.procedureName}</span>
                      </td>
                      <td data-label={t('sync.receivedAt')}>
                        <When at={p.receivedAt} />
                      </td>
                      <td data-label={t('sync.state')}>
                        <div>
                          {t(`sync.states.${p.syncState}`)}
                          <br />
                          <small>{t('sync.waitingNote', { waiting: p.waiting, parked: p.parked })}</small>
                        </div>
                      </td>
                      <td data-label={t('sync.reason')}>
                        <div>
                          {p.error ?? '—'}
                          {p.nextAttemptAt && p.syncState === 'pending' && (
                            <>
                              <br />
                              <small>
                                {t('sync.nextAttempt')} <When at={p.nextAttemptAt} />
                              </small>
                            </>
                          )}
                        </div>
                      </td>
                      <td data-label={t('sync.attempts')}>
                        <span>{p.attempts}</span>
                      </td>
                      <td data-label={t('sync.action')}>
                        <button
                          type="button"
                          className="button button-secondary"
                          aria-label={t('sync.resend', { code: p.code })}
                          disabled={resend.isPending}
                          onClick={() => resend.mutate({ id: p.dossierId, code: p.code })}
                        >
                          {t('sync.resendShort')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
