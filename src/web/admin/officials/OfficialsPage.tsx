/** Cán bộ (/can-bo/quan-tri/can-bo): officials within the administrator's reach, searched by name or username, unit, role, state. */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useStaff } from '../../staff/StaffSession.tsx';
import { PAGE_ROLES, UNIT_WRITERS } from '../access.ts';
import { ALL_ROLES, type Official } from '../types.ts';
import { AdminPage, Loading, QueryError } from '../ui.tsx';
import { adminQueries } from '../queries.ts';

const PAGE_SIZE = 50;

export function OfficialsPage() {
  const { t } = useTranslation();
  return (
    <AdminPage title={t('admin.officials.title')} roles={PAGE_ROLES.officials} lead={t('admin.officials.lead')}>
      <OfficialSearch />
    </AdminPage>
  );
}

/** The state of an account in words (never by colour alone). */
export function AccountState({ o }: { o: Official }) {
  const { t } = useTranslation();
  const parts = [o.active ? t('admin.official.active') : t('admin.official.inactive')];
  if (o.locked) parts.push(t('admin.official.locked'));
  if (o.totpEnabled) parts.push(t('admin.official.totpOn'));
  return <span className={o.active ? 'admin-state' : 'admin-state admin-state-off'}>{parts.join(' · ')}</span>;
}

function OfficialSearch() {
  const { t } = useTranslation();
  const { hasRole } = useStaff();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const unitId = params.get('donVi') ?? '';
  const role = params.get('vaiTro') ?? '';
  const active = params.get('trangThai') ?? '';
  const page = Math.max(1, Number(params.get('trang') ?? '1') || 1);
  const [form, setForm] = useState({ q, unitId, role, active });
  useEffect(() => setForm({ q, unitId, role, active }), [q, unitId, role, active]);
  const units = useQuery(adminQueries.units('all'));
  const activeParam = active === 'co' ? 'true' : active === 'khong' ? 'false' : undefined;
  const { data, error, isLoading: loading } = useQuery(adminQueries.officials({ page, pageSize: PAGE_SIZE, q, unitId, role, active: activeParam }));
  const unitName = (id: string) => units.data?.items.find((u) => u.id === id)?.shortName ?? units.data?.items.find((u) => u.id === id)?.name ?? id;

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (form.q.trim()) next.set('q', form.q.trim());
    if (form.unitId) next.set('donVi', form.unitId);
    if (form.role) next.set('vaiTro', form.role);
    if (form.active) next.set('trangThai', form.active);
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
      {hasRole(...UNIT_WRITERS) && (
        <p>
          <Link className="button" to="them">
            {t('admin.officials.add')}
          </Link>
        </p>
      )}
      <form onSubmit={submit} className="admin-filters" aria-label={t('admin.officials.filters')} role="search">
        <div className="form-group admin-field">
          <label htmlFor="f-q">{t('admin.officials.q')}</label>
          <input id="f-q" type="search" value={form.q} onChange={(e) => setForm({ ...form, q: e.target.value })} autoComplete="off" />
        </div>
        <div className="form-group admin-field">
          <label htmlFor="f-unit">{t('admin.field.unitId')}</label>
          <select id="f-unit" value={form.unitId} onChange={(e) => setForm({ ...form, unitId: e.target.value })}>
            <option value="">{t('admin.officials.anyUnit')}</option>
            {(units.data?.items ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group admin-field">
          <label htmlFor="f-role">{t('admin.field.role')}</label>
          <select id="f-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
            <option value="">{t('admin.officials.anyRole')}</option>
            {ALL_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`admin.role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group admin-field">
          <label htmlFor="f-active">{t('admin.officials.state')}</label>
          <select id="f-active" value={form.active} onChange={(e) => setForm({ ...form, active: e.target.value })}>
            <option value="">{t('admin.officials.anyState')}</option>
            <option value="co">{t('admin.official.active')}</option>
            <option value="khong">{t('admin.official.inactive')}</option>
          </select>
        </div>
        <button type="submit" className="button">
          {t('admin.common.search')}
        </button>
      </form>
      <QueryError error={error} />
      {loading && !data && <Loading />}
      {data && (
        <>
          <p role="status" className="result-count">
            {t('admin.officials.count', { count: data.total })}
          </p>
          {data.items.length > 0 && (
            <table className="table admin-table">
              <caption className="visually-hidden">{t('admin.officials.tableLabel')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.field.fullName')}</th>
                  <th scope="col">{t('admin.field.username')}</th>
                  <th scope="col">{t('admin.field.memberships')}</th>
                  <th scope="col">{t('admin.officials.state')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((o) => (
                  <tr key={o.id}>
                    <td data-label={t('admin.field.fullName')}>
                      <Link to={`/can-bo/quan-tri/can-bo/${o.id}`}>{o.fullName}</Link>
                      {o.title && <span className="cell-note">{o.title}</span>}
                    </td>
                    <td data-label={t('admin.field.username')}>{o.username}</td>
                    <td data-label={t('admin.field.memberships')}>
                      {o.memberships.map((m) => `${t(`admin.role.${m.role}`)} – ${unitName(m.unitId)}`).join('; ')}
                    </td>
                    <td data-label={t('admin.officials.state')}>
                      <AccountState o={o} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
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
