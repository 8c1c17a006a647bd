/** Thủ tục hành chính (/can-bo/quan-tri/thu-tuc): the catalogue, searched by name (without diacritics) or by code. */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PAGE_ROLES } from '../access.ts';
import { AdminPage, Loading, QueryError } from '../ui.tsx';
import { adminReferenceQueries } from '../queries.ts';

export function ProceduresPage() {
  const { t } = useTranslation();
  return (
    <AdminPage title={t('admin.procedures.title')} roles={PAGE_ROLES.procedures} lead={t('admin.procedures.lead')}>
      <ProcedureList />
    </AdminPage>
  );
}

function ProcedureList() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const found = useQuery(adminReferenceQueries.procedures(q.trim()));
  // The catalogue search reads names and keywords; a code (2.000907) is matched here against the whole list.
  const looksLikeCode = /\d/.test(q) && /^[0-9A-Za-z.\-_]+$/.test(q.trim());
  const all = useQuery({ ...adminReferenceQueries.procedures(''), enabled: looksLikeCode });

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams(params);
    if (text.trim()) next.set('q', text.trim());
    else next.delete('q');
    setParams(next);
  }

  const byCode = looksLikeCode ? (all.data?.items ?? []).filter((p) => p.code.toLowerCase().includes(q.trim().toLowerCase())) : [];
  const items = [...byCode, ...(found.data?.items ?? []).filter((p) => !byCode.some((c) => c.code === p.code))];
  const total = Math.max(found.data?.total ?? 0, items.length);
  return (
    <>
      <form role="search" className="admin-search" onSubmit={submit}>
        <label htmlFor="f-q">{t('admin.procedures.searchLabel')}</label>
        <div className="search-row">
          <input id="f-q" type="search" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
          <button type="submit" className="button">
            {t('admin.common.search')}
          </button>
        </div>
      </form>
      <QueryError error={found.error} />
      {found.isLoading && !found.data && <Loading />}
      {found.data && (
        <>
          <p role="status" className="result-count">
            {t('admin.procedures.count', { count: total })}
          </p>
          {items.length > 0 && (
            <table className="table admin-table">
              <caption className="visually-hidden">{t('admin.procedures.tableLabel')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.procedures.col.code')}</th>
                  <th scope="col">{t('admin.procedures.col.name')}</th>
                  <th scope="col">{t('admin.procedures.col.field')}</th>
                  <th scope="col">{t('admin.procedures.col.level')}</th>
                  <th scope="col">{t('admin.procedures.col.version')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr key={p.code}>
                    <td data-label={t('admin.procedures.col.code')}>{p.code}</td>
                    <td data-label={t('admin.procedures.col.name')}>
                      <Link to={`/can-bo/quan-tri/thu-tuc/${encodeURIComponent(p.code)}`}>{p.name}</Link>
                    </td>
                    <td data-label={t('admin.procedures.col.field')}>{p.field.name}</td>
                    <td data-label={t('admin.procedures.col.level')}>{t(`admin.enum.${p.level}`)}</td>
                    <td data-label={t('admin.procedures.col.version')}>{p.version}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {found.data.total > found.data.items.length && <p className="hint">{t('admin.procedures.narrow')}</p>}
        </>
      )}
    </>
  );
}
