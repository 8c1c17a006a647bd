/**
 * Tra cứu hồ sơ (/can-bo/tra-cuu): every dossier the official may see, found by code, 12-digit identity number or
 * the applicant's name (without diacritics), with a status filter and a date range on the submission date.
 */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { nationalStatusName, type NationalStatus } from '../../core/dossiers/status.ts';
import { usePageTitle } from '../usePageTitle.ts';
import { LoadError, Loading, When } from './bits.tsx';
import { channelName, errorMessage, statusName } from './format.ts';
import { staffQueries } from './queries.ts';
import { DateInput } from '../components/DateInput.tsx';

const STATUSES = Object.keys(nationalStatusName).map(Number) as NationalStatus[];
const PAGE_SIZE = 20;

export function DossierSearchPage() {
  const { t, i18n } = useTranslation();
  const heading = usePageTitle(t('staff.search.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('trangThai') ?? '';
  const from = params.get('tu') ?? '';
  const to = params.get('den') ?? '';
  const page = Math.max(1, Number(params.get('trang') ?? 1) || 1);
  const [form, setForm] = useState({ q, status, from, to });
  const query = useQuery(staffQueries.search({ page, pageSize: PAGE_SIZE, q, status, from, to }));
  const data = query.data ?? null;
  const error = query.error ? errorMessage(query.error, t('error.generic')) : null;

  const toParams = (f: typeof form, p = 1) => {
    const next = new URLSearchParams();
    if (f.q.trim()) next.set('q', f.q.trim());
    if (f.status) next.set('trangThai', f.status);
    if (f.from) next.set('tu', f.from);
    if (f.to) next.set('den', f.to);
    if (p > 1) next.set('trang', String(p));
    return next;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams(toParams(form));
  };
  const pageLink = (p: number) => {
    const s = toParams({ q, status, from, to }, p).toString();
    return { search: s ? `?${s}` : '' };
  };

  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        {t('staff.search.title')}
      </h1>
      <form role="search" onSubmit={submit} className="search-form">
        <div className="form-group">
          <label htmlFor="s-q">{t('staff.search.q')}</label>
          <p className="hint" id="s-q-hint">
            {t('staff.search.qHint')}
          </p>
          <input
            id="s-q"
            type="search"
            autoComplete="off"
            aria-describedby="s-q-hint"
            value={form.q}
            onChange={(e) => setForm({ ...form, q: e.target.value })}
          />
        </div>
        <div className="filters">
          <div className="field">
            <label htmlFor="s-status">{t('staff.search.status')}</label>
            <select id="s-status" value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value })}>
              <option value="">{t('staff.search.anyStatus')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {nationalStatusName[s][i18n.language === 'en' ? 'en' : 'vi']}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="s-from">{t('staff.search.from')}</label>
            <DateInput id="s-from" value={form.from} onChange={(v) => setForm({ ...form, from: v })} />
          </div>
          <div className="field">
            <label htmlFor="s-to">{t('staff.search.to')}</label>
            <DateInput id="s-to" value={form.to} onChange={(v) => setForm({ ...form, to: v })} />
          </div>
        </div>
        <button type="submit" className="button">
          {t('staff.common.search')}
        </button>
      </form>
      {error && <LoadError message={error} />}
      {!data && !error && <Loading />}
      {data && (
        <>
          <p role="status" className="result-count">
            {data.items.length === 0
              ? t('staff.search.none')
              : t(`staff.search.found.${data.kind}`, { count: data.items.length, more: data.hasMore ? '+' : '' })}
          </p>
          {data.items.length > 0 && (
            <table className="table responsive-table" aria-label={t('staff.search.tableLabel')}>
              <thead>
                <tr>
                  <th scope="col">{t('staff.col.code')}</th>
                  <th scope="col">{t('staff.col.applicant')}</th>
                  <th scope="col">{t('staff.col.procedure')}</th>
                  <th scope="col">{t('staff.col.status')}</th>
                  <th scope="col">{t('staff.col.submittedAt')}</th>
                  <th scope="col">{t('staff.col.dossierDue')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((it) => (
                  <tr key={it.id}>
                    <td data-label={t('staff.col.code')}>
                      <Link to={`/can-bo/ho-so/${it.id}`} className="dossier-link">
                        {it.code}
                      </Link>
                      <span className="cell-note">{channelName(t, it.channel)}</span>
                    </td>
                    <td data-label={t('staff.col.applicant')}>
                      {it.applicantName}
                      {it.applicantIdNumber && <span className="cell-note">{it.applicantIdNumber}</span>}
                    </td>
                    <td data-label={t('staff.col.procedure')}>{it.procedureName}</td>
                    <td data-label={t('staff.col.status')}>{statusName(i18n.language, it.status)}</td>
                    <td data-label={t('staff.col.submittedAt')}>
                      <When at={it.submittedAt} />
                    </td>
                    <td data-label={t('staff.col.dossierDue')}>
                      <When at={it.dueAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {(page > 1 || data.hasMore) && (
            <nav aria-label={t('staff.common.pagination')} className="pagination">
              {page > 1 && <Link to={pageLink(page - 1)}>{t('staff.common.previous')}</Link>}
              <span>{t('staff.common.page', { page })}</span>
              {data.hasMore && <Link to={pageLink(page + 1)}>{t('staff.common.next')}</Link>}
            </nav>
          )}
        </>
      )}
    </section>
  );
}
