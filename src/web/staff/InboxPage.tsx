/**
 * Hồ sơ cần xử lý (/can-bo/ho-so-can-xu-ly): the official's open tasks, most urgent first. Filter tabs with counts,
 * a search box, urgency in words + icon + colour, step and dossier due times in Vietnam time. The table becomes a
 * list of cards on narrow screens (styles.css, .responsive-table).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EscalationInboxNotice } from '../lienthong/EscalationInboxNotice.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import { LoadError, Loading, UrgencyBadge, When } from './bits.tsx';
import { channelName, errorMessage, statusName } from './format.ts';
import { staffQueries } from './queries.ts';

const FILTERS = [
  { slug: '', filter: 'all', label: 'staff.inbox.tabAll' },
  { slug: 'sap-den-han', filter: 'due_soon', label: 'staff.inbox.tabDueSoon' },
  { slug: 'qua-han', filter: 'overdue', label: 'staff.inbox.tabOverdue' },
] as const;
const PAGE_SIZE = 25;

export function InboxPage() {
  const { t, i18n } = useTranslation();
  const heading = usePageTitle(t('staff.inbox.title'));
  const [params, setParams] = useSearchParams();
  const slug = params.get('loc') ?? '';
  const current = FILTERS.find((f) => f.slug === slug) ?? FILTERS[0];
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('trang') ?? 1) || 1);
  const [text, setText] = useState(q);
  // Another tab or page keeps the current list on screen until the new one arrives.
  const query = useQuery({ ...staffQueries.inbox({ filter: current.filter, page, pageSize: PAGE_SIZE, q }), placeholderData: keepPreviousData });
  const data = query.data ?? null;
  const error = query.error ? errorMessage(query.error, t('error.generic')) : null;

  const paramsFor = (next: { loc?: string; q?: string; trang?: number }) => {
    const p = new URLSearchParams();
    const loc = next.loc ?? slug;
    const query = next.q ?? q;
    if (loc) p.set('loc', loc);
    if (query) p.set('q', query);
    if (next.trang && next.trang > 1) p.set('trang', String(next.trang));
    return p;
  };
  /** A link to this page with other filters (the path stays). */
  const link = (next: { loc?: string; q?: string; trang?: number }) => {
    const s = paramsFor(next).toString();
    return { search: s ? `?${s}` : '' };
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    setParams(paramsFor({ q: text.trim(), trang: 1 }));
  };
  const counts = data?.counts;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        {t('staff.inbox.title')}
      </h1>
      <EscalationInboxNotice />
      <nav aria-label={t('staff.inbox.filters')}>
        <ul className="tabs">
          {FILTERS.map((f) => (
            <li key={f.filter}>
              <Link to={link({ loc: f.slug, trang: 1 })} aria-current={f === current ? 'page' : undefined} className={`tab tab-${f.filter}`}>
                {t(f.label)} <span className="tab-count">({counts ? counts[f.filter] : '…'})</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form className="search inline-search" role="search" onSubmit={search}>
        <label htmlFor="inbox-q">{t('staff.inbox.searchLabel')}</label>
        <div className="search-row">
          <input id="inbox-q" type="search" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
          <button type="submit" className="button">
            {t('staff.common.search')}
          </button>
        </div>
      </form>
      {error && <LoadError message={error} />}
      {!data && !error && <Loading />}
      {data && (
        <>
          <p role="status" className="result-count">
            {data.total === 0
              ? q || current.filter !== 'all'
                ? t('staff.inbox.noneMatching')
                : t('staff.inbox.none')
              : t('staff.inbox.count', { count: data.total })}
          </p>
          {data.items.length > 0 && (
            <table className="table responsive-table" aria-label={t('staff.inbox.tableLabel')}>
              <thead>
                <tr>
                  <th scope="col">{t('staff.col.code')}</th>
                  <th scope="col">{t('staff.col.procedure')}</th>
                  <th scope="col">{t('staff.col.applicant')}</th>
                  <th scope="col">{t('staff.col.step')}</th>
                  <th scope="col">{t('staff.col.stepDue')}</th>
                  <th scope="col">{t('staff.col.dossierDue')}</th>
                  <th scope="col">{t('staff.col.urgency')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((it) => (
                  <tr key={it.taskId} className={`row-${it.paused ? 'paused' : it.urgency}`}>
                    <td data-label={t('staff.col.code')}>
                      <Link to={`/can-bo/ho-so/${it.dossierId}`} className="dossier-link">
                        {it.code}
                      </Link>
                      <span className="cell-note">
                        {channelName(t, it.channel)} · {statusName(i18n.language, it.status)}
                      </span>
                    </td>
                    <td data-label={t('staff.col.procedure')}>{it.procedureName}</td>
                    <td data-label={t('staff.col.applicant')}>{it.applicantName}</td>
                    <td data-label={t('staff.col.step')}>
                      {it.stepName}
                      {!it.assigned && <span className="cell-note">{t('staff.inbox.unassigned')}</span>}
                    </td>
                    <td data-label={t('staff.col.stepDue')}>
                      <When at={it.stepDueAt} />
                    </td>
                    <td data-label={t('staff.col.dossierDue')}>
                      <When at={it.dueAt} />
                    </td>
                    <td data-label={t('staff.col.urgency')}>
                      <UrgencyBadge urgency={it.urgency} paused={it.paused} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {pages > 1 && (
            <nav aria-label={t('staff.common.pagination')} className="pagination">
              {page > 1 && <Link to={link({ trang: page - 1 })}>{t('staff.common.previous')}</Link>}
              <span>{t('staff.common.pageOf', { page, pages })}</span>
              {page < pages && <Link to={link({ trang: page + 1 })}>{t('staff.common.next')}</Link>}
            </nav>
          )}
        </>
      )}
    </section>
  );
}
