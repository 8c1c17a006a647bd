/** Thêm đơn vị (/can-bo/quan-tri/don-vi/them): a new org unit, below a unit in reach (anywhere for a system administrator). */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useStaff } from '../../staff/StaffSession.tsx';
import { UNIT_WRITERS } from '../access.ts';
import type { OrgUnit } from '../types.ts';
import { AdminPage, LoadError, Loading, optionalText, QueryError, ReasonField, SelectField, TextField, useSubmit, type ShownError } from '../ui.tsx';
import { adminQueries, adminReferenceQueries } from '../queries.ts';
import { errorText } from '../../data/errors.ts';

export function UnitCreatePage() {
  const { t } = useTranslation();
  return (
    <AdminPage title={t('admin.unitForm.createTitle')} roles={UNIT_WRITERS}>
      <CreateForm />
    </AdminPage>
  );
}

/** The province and its communes: the administrative units a unit may belong to. */
export function useAdminUnitOptions(): { options: { value: string; label: string }[]; error?: string } {
  const { t } = useTranslation();
  const inst = useQuery(adminReferenceQueries.installation());
  const communes = useQuery({ ...adminReferenceQueries.communes(inst.data?.provinceCode ?? ''), enabled: !!inst.data });
  const failed = inst.error ?? communes.error;
  if (!inst.data || !communes.data) return { options: [], error: failed ? errorText(failed, t('error.generic')) : undefined };
  return {
    options: [
      { value: inst.data.provinceCode, label: `${inst.data.provinceCode} – ${inst.data.provinceName}` },
      ...communes.data.map((c) => ({ value: c.code, label: `${c.code} – ${c.name}` })),
    ],
  };
}

export const unitOption = (u: OrgUnit) => ({ value: u.id, label: `${u.name} (${u.id})` });

/** Error codes of the units API and the field each is about. */
export const UNIT_CODE_PATHS = (prefix: string) => ({
  UNIT_EXISTS: `${prefix}id`,
  AGENCY_CODE_TAKEN: `${prefix}agencyCode`,
  ADMIN_UNIT_NOT_FOUND: `${prefix}adminUnitCode`,
  ADMIN_UNIT_OUTSIDE_PROVINCE: `${prefix}adminUnitCode`,
  UNIT_NOT_FOUND: `${prefix}parentId`,
  UNIT_CLOSED: `${prefix}parentId`,
  UNIT_CYCLE: `${prefix}parentId`,
  OUT_OF_SCOPE: `${prefix}parentId`,
  FORBIDDEN: `${prefix}parentId`,
});

function CreateForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { hasRole } = useStaff();
  const units = useQuery(adminQueries.units('open'));
  const adminUnits = useAdminUnitOptions();
  const { run, busy } = useSubmit();
  const [v, setV] = useState({
    id: '',
    name: '',
    shortName: '',
    kind: '',
    adminUnitCode: '',
    parentId: params.get('cap-tren') ?? '',
    agencyCode: '',
    address: '',
    phone: '',
    email: '',
    effectiveFrom: '',
    reason: '',
  });
  const set = (k: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [k]: value }));
  if (units.error) return <QueryError error={units.error} />;
  if (!units.data) return <Loading />;
  const parent = units.data.items.find((u) => u.id === v.parentId);
  const kinds = [...new Set(units.data.items.map((u) => u.kind))].sort();

  function submit(e: FormEvent) {
    e.preventDefault();
    const adminUnitCode = v.adminUnitCode || parent?.adminUnitCode || '';
    void run({
      check: () => {
        const errs: ShownError[] = [];
        if (!v.id.trim()) errs.push({ path: 'id', message: t('admin.unitForm.idRequired') });
        if (!v.name.trim()) errs.push({ path: 'name', message: t('admin.unitForm.nameRequired') });
        if (!v.kind.trim()) errs.push({ path: 'kind', message: t('admin.unitForm.kindRequired') });
        if (!adminUnitCode) errs.push({ path: 'adminUnitCode', message: t('admin.unitForm.adminUnitRequired') });
        return errs;
      },
      action: async () => {
        const created = await api<OrgUnit>('/api/admin/units', {
          method: 'POST',
          body: {
            id: v.id.trim(),
            name: v.name.trim(),
            kind: v.kind.trim(),
            adminUnitCode,
            parentId: v.parentId || undefined,
            shortName: optionalText(v.shortName),
            agencyCode: optionalText(v.agencyCode),
            address: optionalText(v.address),
            phone: optionalText(v.phone),
            email: optionalText(v.email),
            effectiveFrom: v.effectiveFrom || undefined,
            reason: optionalText(v.reason),
          },
        });
        const message = t('admin.unitForm.created', { name: created.name });
        navigate(`/can-bo/quan-tri/don-vi/${encodeURIComponent(created.id)}`, { state: { flash: message } });
        return message;
      },
      fallbackPath: 'id',
      codePaths: UNIT_CODE_PATHS(''),
    });
  }

  return (
    <form onSubmit={submit} noValidate className="admin-form">
      <TextField path="id" label={t('admin.field.id')} hint={t('admin.unitForm.idHint')} value={v.id} onChange={set('id')} spellCheck={false} />
      <TextField path="name" label={t('admin.field.name')} value={v.name} onChange={set('name')} />
      <TextField path="shortName" label={t('admin.field.shortName')} optional value={v.shortName} onChange={set('shortName')} />
      <datalist id="unit-kinds">
        {kinds.map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
      <TextField
        path="kind"
        label={t('admin.field.kind')}
        hint={t('admin.unitForm.kindHint')}
        value={v.kind}
        onChange={set('kind')}
        list="unit-kinds"
        spellCheck={false}
      />
      <SelectField
        path="parentId"
        label={t('admin.field.parentId')}
        value={v.parentId}
        onChange={set('parentId')}
        placeholder={hasRole('system_admin') ? t('admin.unitForm.noParent') : t('admin.unitForm.chooseParent')}
        options={units.data.items.map(unitOption)}
      />
      {adminUnits.error && <LoadError message={adminUnits.error} />}
      <SelectField
        path="adminUnitCode"
        label={t('admin.field.adminUnitCode')}
        hint={parent ? t('admin.unitForm.adminUnitFromParent') : undefined}
        value={v.adminUnitCode || parent?.adminUnitCode || ''}
        onChange={set('adminUnitCode')}
        placeholder={t('admin.unitForm.chooseAdminUnit')}
        options={adminUnits.options}
      />
      <TextField
        path="agencyCode"
        label={t('admin.field.agencyCode')}
        hint={t('admin.unitForm.agencyCodeHint')}
        optional
        value={v.agencyCode}
        onChange={set('agencyCode')}
        spellCheck={false}
      />
      <TextField path="address" label={t('admin.field.address')} optional value={v.address} onChange={set('address')} autoComplete="street-address" />
      <TextField path="phone" type="tel" label={t('admin.field.phone')} optional value={v.phone} onChange={set('phone')} />
      <TextField path="email" type="email" label={t('admin.field.email')} optional value={v.email} onChange={set('email')} />
      <TextField
        path="effectiveFrom"
        type="date"
        label={t('admin.field.effectiveFrom')}
        hint={t('admin.unitForm.effectiveFromHint')}
        optional
        value={v.effectiveFrom}
        onChange={set('effectiveFrom')}
      />
      <ReasonField path="reason" optional value={v.reason} onChange={set('reason')} />
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {t('admin.unitForm.create')}
        </button>
        <Link to="/can-bo/quan-tri/don-vi">{t('admin.common.cancel')}</Link>
      </div>
    </form>
  );
}
