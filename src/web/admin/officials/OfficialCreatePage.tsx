/** Thêm cán bộ (/can-bo/quan-tri/can-bo/them): an account with an initial password and its roles in units. */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { UNIT_WRITERS } from '../access.ts';
import type { Membership, Official } from '../types.ts';
import { AdminPage, fieldPath, Loading, optionalText, QueryError, ReasonField, TextField, useSubmit, type ShownError } from '../ui.tsx';
import { MembershipsEditor, PasswordField, passwordProblem } from './shared.tsx';
import { adminQueries } from '../queries.ts';

export function OfficialCreatePage() {
  const { t } = useTranslation();
  return (
    <AdminPage title={t('admin.officialForm.createTitle')} roles={UNIT_WRITERS}>
      <CreateForm />
    </AdminPage>
  );
}

/** Error codes of the officials API and the field each is about. */
export const OFFICIAL_CODE_PATHS = (prefix: string) => ({
  USERNAME_TAKEN: `${prefix}username`,
  WEAK_PASSWORD: `${prefix}password`,
  RESERVED_ROLE: `${prefix}memberships`,
  OUT_OF_SCOPE: `${prefix}memberships`,
  UNIT_NOT_FOUND: `${prefix}memberships`,
  UNIT_CLOSED: `${prefix}memberships`,
});

/** Local checks of a membership list: a unit chosen on each row, no row twice. */
export function membershipProblems(t: (k: string, o?: Record<string, unknown>) => string, path: string, ms: Membership[]): ShownError[] {
  const errs: ShownError[] = [];
  if (ms.length === 0) errs.push({ path, message: t('admin.official.membershipsRequired') });
  const seen = new Set<string>();
  ms.forEach((m, i) => {
    if (!m.unitId) errs.push({ path: fieldPath(path, i, 'unitId'), message: t('admin.official.unitRequired', { n: i + 1 }) });
    const key = `${m.unitId}|${m.role}`;
    if (m.unitId && seen.has(key)) errs.push({ path: fieldPath(path, i, 'role'), message: t('admin.official.membershipTwice', { n: i + 1 }) });
    seen.add(key);
  });
  return errs;
}

function CreateForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const units = useQuery(adminQueries.units('open'));
  const { run, busy } = useSubmit();
  const [v, setV] = useState({ username: '', fullName: '', title: '', email: '', phone: '', password: '', reason: '' });
  const [memberships, setMemberships] = useState<Membership[]>([{ unitId: params.get('donVi') ?? '', role: 'specialist' }]);
  const set = (k: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [k]: value }));
  if (units.error) return <QueryError error={units.error} />;
  if (!units.data) return <Loading />;

  function submit(e: FormEvent) {
    e.preventDefault();
    void run({
      check: () => {
        const errs: ShownError[] = [];
        if (!/^[a-z0-9._-]{3,64}$/.test(v.username.trim().toLowerCase())) errs.push({ path: 'username', message: t('admin.officialForm.usernameRule') });
        if (!v.fullName.trim()) errs.push({ path: 'fullName', message: t('admin.officialForm.fullNameRequired') });
        const weak = passwordProblem(t, v.password);
        if (weak) errs.push({ path: 'password', message: weak });
        errs.push(...membershipProblems(t, 'memberships', memberships));
        return errs;
      },
      action: async () => {
        const created = await api<Official>('/api/admin/officials', {
          method: 'POST',
          body: {
            username: v.username.trim().toLowerCase(),
            fullName: v.fullName.trim(),
            title: optionalText(v.title),
            email: optionalText(v.email),
            phone: optionalText(v.phone),
            password: v.password,
            memberships,
            reason: optionalText(v.reason),
          },
        });
        const message = t('admin.officialForm.created', { name: created.fullName, username: created.username });
        navigate(`/can-bo/quan-tri/can-bo/${created.id}`, { state: { flash: message } });
        return message;
      },
      fallbackPath: 'username',
      codePaths: OFFICIAL_CODE_PATHS(''),
    });
  }

  return (
    <form onSubmit={submit} noValidate className="admin-form">
      <TextField
        path="username"
        label={t('admin.field.username')}
        hint={t('admin.officialForm.usernameRule')}
        value={v.username}
        onChange={set('username')}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField path="fullName" label={t('admin.field.fullName')} value={v.fullName} onChange={set('fullName')} />
      <TextField path="title" label={t('admin.field.officialTitle')} optional value={v.title} onChange={set('title')} />
      <TextField path="email" type="email" label={t('admin.field.email')} optional value={v.email} onChange={set('email')} />
      <TextField path="phone" type="tel" label={t('admin.field.phone')} optional value={v.phone} onChange={set('phone')} />
      <PasswordField path="password" label={t('admin.officialForm.password')} value={v.password} onChange={set('password')} />
      <MembershipsEditor path="memberships" value={memberships} onChange={setMemberships} units={units.data.items} />
      <ReasonField path="reason" optional value={v.reason} onChange={set('reason')} />
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {t('admin.officialForm.create')}
        </button>
        <Link to="/can-bo/quan-tri/can-bo">{t('admin.common.cancel')}</Link>
      </div>
    </form>
  );
}
