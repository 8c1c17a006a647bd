/**
 * Nhật ký quản trị (/can-bo/quan-tri/nhat-ky): the administration change log, newest first, filtered by kind of
 * entry, actor and dates, each entry with its before and after field by field; the system administrator also
 * checks the hash chain.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { errorText } from '../../data/errors.ts';
import { useStaff } from '../../staff/StaffSession.tsx';
import { ChangeList } from '../ChangeList.tsx';
import { PAGE_ROLES } from '../access.ts';
import { ENTITY_KINDS, type ChainCheck } from '../types.ts';
import { AdminPage, Loading, QueryError, useAdmin, type ShownError } from '../ui.tsx';
import { adminQueries } from '../queries.ts';
import { DateInput } from '../../components/DateInput.tsx';

const PAGE_SIZE = 30;

export function ChangesPage() {
  const { t } = useTranslation();
  return (
    <AdminPage title={t('admin.changes.title')} roles={PAGE_ROLES.changes} lead={t('admin.changes.lead')}>
      <ChangeLog />
    </AdminPage>
  );
}

function ChangeLog() {
  const { t } = useTranslation();
  const { hasRole } = useStaff();
  const { setErrors } = useAdmin();
  const [params, setParams] = useSearchParams();
  const kind = params.get('loai') ?? '';
  const actor = params.get('nguoi') ?? '';
  const from = params.get('tu') ?? '';
  const to = params.get('den') ?? '';
  const page = Math.max(1, Number(params.get('trang') ?? '1') || 1);
  const [form, setForm] = useState({ kind, actor, from, to });
  useEffect(() => setForm({ kind, actor, from, to }), [kind, actor, from, to]);
  const changes = useQuery(adminQueries.changes({ page, pageSize: PAGE_SIZE, entityKind: kind, actor, from, to }));
  const { data, error, isLoading: loading } = changes;

  function submit(e: FormEvent) {
    e.preventDefault();
    const errs: ShownError[] = [];
    if (form.from && form.to && form.to < form.from) errs.push({ path: 'to', message: t('admin.changes.datesOrder') });
    setErrors(errs);
    if (errs.length) return;
    const next = new URLSearchParams();
    if (form.kind) next.set('loai', form.kind);
    if (form.actor.trim()) next.set('nguoi', form.actor.trim().toLowerCase());
    if (form.from) next.set('tu', form.from);
    if (form.to) next.set('den', form.to);
    setParams(next);
  }
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    next.set('trang', String(n));
    return `?${next}`;
  };
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <>
      {hasRole('system_admin') && <VerifyChain />}
      <form onSubmit={submit} noValidate className="admin-filters" aria-label={t('admin.changes.filters')}>
        <div className="form-group admin-field">
          <label htmlFor="f-kind">{t('admin.changes.kind')}</label>
          <select id="f-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
            <option value="">{t('admin.changes.anyKind')}</option>
            {ENTITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`admin.entity.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group admin-field">
          <label htmlFor="f-actor">{t('admin.changes.actor')}</label>
          <input
            id="f-actor"
            type="text"
            value={form.actor}
            onChange={(e) => setForm({ ...form, actor: e.target.value })}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="h-actor"
          />
          <p className="hint" id="h-actor">
            {t('admin.changes.actorHint')}
          </p>
        </div>
        <div className="form-group admin-field">
          <label htmlFor="f-from">{t('admin.changes.from')}</label>
          <DateInput id="f-from" value={form.from} onChange={(v) => setForm({ ...form, from: v })} />
        </div>
        <div className="form-group admin-field">
          <label htmlFor="f-to">{t('admin.changes.to')}</label>
          <DateInput id="f-to" value={form.to} onChange={(v) => setForm({ ...form, to: v })} />
        </div>
        <div className="button-row">
          <button type="submit" className="button">
            {t('admin.changes.apply')}
          </button>
          {(kind || actor || from || to) && <Link to="?">{t('admin.changes.clear')}</Link>}
        </div>
      </form>
      <QueryError error={error} />
      {loading && !data && <Loading />}
      {data && (
        <>
          <h2 id="entries-heading">{t('admin.changes.entries')}</h2>
          <p role="status" className="result-count">
            {t('admin.changes.count', { count: data.total })}
          </p>
          <ChangeList entries={data.items} />
          {pages > 1 && (
            <nav className="pagination" aria-label={t('admin.common.pagination')}>
              {page > 1 && <Link to={pageLink(page - 1)}>{t('admin.common.previous')}</Link>}
              <span>{t('admin.common.pageOf', { page, pages })}</span>
              {page < pages && <Link to={pageLink(page + 1)}>{t('admin.common.next')}</Link>}
            </nav>
          )}
        </>
      )}
    </>
  );
}

function VerifyChain() {
  const { t } = useTranslation();
  // A check run on request (a button), each run a new answer: a mutation rather than a cached query.
  const check = useMutation({ mutationFn: () => api<ChainCheck>('/api/admin/changes/verify') });
  const state = { busy: check.isPending, error: check.error ? errorText(check.error, t('error.generic')) : undefined };
  const r = check.isPending ? undefined : check.data;
  return (
    <section aria-labelledby="verify-heading" className="admin-section admin-panel">
      <h2 id="verify-heading">{t('admin.changes.verifyTitle')}</h2>
      <p className="hint">{t('admin.changes.verifyHint')}</p>
      <button type="button" className="button button-secondary" onClick={() => check.mutate()} disabled={state.busy}>
        {t('admin.changes.verify')}
      </button>
      <div role="status" data-testid="chain-result" className="admin-chain">
        {state.busy && t('admin.changes.verifying')}
        {r && r.problems.length === 0 && <p className="admin-ok">✓ {t('admin.changes.chainOk', { count: r.entries })}</p>}
        {r && r.problems.length > 0 && (
          <>
            <p className="field-error">⚠ {t('admin.changes.chainBad', { count: r.problems.length, entries: r.entries })}</p>
            <ul>
              {r.problems.map((p, i) => (
                <li key={i}>{t('admin.changes.problem', { seq: p.seq, problem: t(`admin.chain.${p.problem}`, { defaultValue: p.problem }) })}</li>
              ))}
            </ul>
          </>
        )}
        {state.error && <p className="field-error">{state.error}</p>}
      </div>
    </section>
  );
}
