/**
 * One unit (/can-bo/quan-tri/don-vi/:id): its details, the units below it, its history; administrators edit it
 * (or move it under another parent) and close it with an effective date and a successor.
 */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useStaff } from '../../staff/StaffSession.tsx';
import { ChangeList } from '../ChangeList.tsx';
import { PAGE_ROLES, UNIT_WRITERS } from '../access.ts';
import type { ChangeEntry, OrgUnit } from '../types.ts';
import {
  AdminPage,
  clearableText,
  ConfirmPanel,
  formatDay,
  Loading,
  QueryError,
  reasonProblem,
  ReasonField,
  SelectField,
  TextField,
  useAdmin,
  useSubmit,
  vnToday,
  type ShownError,
} from '../ui.tsx';
import { UNIT_CODE_PATHS, unitOption } from './UnitCreatePage.tsx';
import { adminQueries } from '../queries.ts';

export function UnitPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, error, refetch } = useQuery(adminQueries.unit(id));
  const reload = () => void refetch();
  return (
    <AdminPage title={data ? data.unit.name : t('admin.unit.title', { id })} roles={PAGE_ROLES.units}>
      <QueryError error={error} />
      {!data && !error && <Loading />}
      {data && <UnitDetails unit={data.unit} history={data.history} reload={reload} />}
    </AdminPage>
  );
}

function UnitDetails({ unit, history, reload }: { unit: OrgUnit; history: ChangeEntry[]; reload: () => void }) {
  const { t } = useTranslation();
  const { hasRole } = useStaff();
  const all = useQuery(adminQueries.units('all'));
  const units = all.data?.items ?? [];
  const nameOf = (id: string | null) => (id ? (units.find((u) => u.id === id)?.name ?? id) : '—');
  const children = units.filter((u) => u.parentId === unit.id);
  const canWrite = hasRole(...UNIT_WRITERS) && unit.status === 'open';
  return (
    <>
      <dl className="summary-list admin-dl" data-testid="unit-details">
        <div>
          <dt>{t('admin.field.id')}</dt>
          <dd>{unit.id}</dd>
        </div>
        <div>
          <dt>{t('admin.field.shortName')}</dt>
          <dd>{unit.shortName ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('admin.field.kind')}</dt>
          <dd>{unit.kind}</dd>
        </div>
        <div>
          <dt>{t('admin.field.adminUnitCode')}</dt>
          <dd>{unit.adminUnitCode}</dd>
        </div>
        <div>
          <dt>{t('admin.field.parentId')}</dt>
          <dd>{unit.parentId ? <Link to={`/can-bo/quan-tri/don-vi/${encodeURIComponent(unit.parentId)}`}>{nameOf(unit.parentId)}</Link> : '—'}</dd>
        </div>
        <div>
          <dt>{t('admin.field.agencyCode')}</dt>
          <dd>{unit.agencyCode ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('admin.field.address')}</dt>
          <dd>{unit.address ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('admin.field.phone')}</dt>
          <dd>{unit.phone ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('admin.field.email')}</dt>
          <dd>{unit.email ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('admin.field.effectiveFrom')}</dt>
          <dd>{formatDay(unit.effectiveFrom)}</dd>
        </div>
        <div>
          <dt>{t('admin.field.status')}</dt>
          <dd>{unit.status === 'open' ? t('admin.enum.open') : t('admin.units.closedSince', { date: formatDay(unit.effectiveTo) })}</dd>
        </div>
        {unit.succeededBy && (
          <div>
            <dt>{t('admin.field.succeededBy')}</dt>
            <dd>
              <Link to={`/can-bo/quan-tri/don-vi/${encodeURIComponent(unit.succeededBy)}`}>{nameOf(unit.succeededBy)}</Link>
            </dd>
          </div>
        )}
      </dl>
      <p className="button-row">
        <Link to={`/can-bo/quan-tri/can-bo?donVi=${encodeURIComponent(unit.id)}`}>{t('admin.unit.officials')}</Link>
        {canWrite && <Link to={`/can-bo/quan-tri/don-vi/them?cap-tren=${encodeURIComponent(unit.id)}`}>{t('admin.unit.addChild')}</Link>}
      </p>
      <h2>{t('admin.unit.children')}</h2>
      {children.length === 0 ? (
        <p className="muted">{t('admin.unit.noChildren')}</p>
      ) : (
        <ul className="field-list">
          {children.map((c) => (
            <li key={c.id}>
              <Link to={`/can-bo/quan-tri/don-vi/${encodeURIComponent(c.id)}`}>{c.name}</Link>
              {c.status === 'closed' ? ` (${t('admin.units.closedSince', { date: formatDay(c.effectiveTo) })})` : ''}
            </li>
          ))}
        </ul>
      )}
      {!hasRole(...UNIT_WRITERS) && <p className="panel-info">{t('admin.common.readOnly')}</p>}
      {hasRole(...UNIT_WRITERS) && unit.status === 'closed' && <p className="panel-info">{t('admin.unit.closedNoEdit')}</p>}
      {canWrite && all.data && <EditUnit key={JSON.stringify(unit)} unit={unit} units={units} onSaved={reload} />}
      {canWrite && all.data && <CloseUnit unit={unit} units={units} onSaved={reload} />}
      <h2>{t('admin.unit.history')}</h2>
      <ChangeList entries={history} />
    </>
  );
}

const EDITABLE = ['name', 'shortName', 'parentId', 'agencyCode', 'address', 'phone', 'email'] as const;

function EditUnit({ unit, units, onSaved }: { unit: OrgUnit; units: OrgUnit[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const { run, busy } = useSubmit();
  const initial = Object.fromEntries(EDITABLE.map((k) => [k, unit[k] ?? ''])) as Record<(typeof EDITABLE)[number], string>;
  const [v, setV] = useState({ ...initial, reason: '' });
  const set = (k: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [k]: value }));
  function submit(e: FormEvent) {
    e.preventDefault();
    const patch: Record<string, string | null> = {};
    for (const k of EDITABLE) if (v[k].trim() !== initial[k]) patch[k] = k === 'name' ? v[k].trim() : clearableText(v[k]);
    void run({
      check: () => {
        const errs: ShownError[] = [];
        if (Object.keys(patch).length === 0) errs.push({ path: 'edit-name', message: t('admin.common.nothingChanged') });
        if (!v.name.trim()) errs.push({ path: 'edit-name', message: t('admin.unitForm.nameRequired') });
        const reason = reasonProblem(t, v.reason, true);
        if (reason) errs.push({ path: 'edit-reason', message: reason });
        return errs;
      },
      action: async () => {
        const saved = await api<OrgUnit>(`/api/admin/units/${encodeURIComponent(unit.id)}`, {
          method: 'PATCH',
          body: { ...patch, reason: v.reason.trim() || undefined },
        });
        onSaved();
        return t('admin.unit.saved', { name: saved.name });
      },
      prefix: 'edit',
      fallbackPath: 'edit-name',
      codePaths: UNIT_CODE_PATHS('edit-'),
    });
  }
  return (
    <section aria-labelledby="edit-heading" className="admin-section">
      <h2 id="edit-heading">{t('admin.unit.edit')}</h2>
      <form onSubmit={submit} noValidate className="admin-form">
        <TextField path="edit-name" label={t('admin.field.name')} value={v.name} onChange={set('name')} />
        <TextField path="edit-shortName" label={t('admin.field.shortName')} optional value={v.shortName} onChange={set('shortName')} />
        <SelectField
          path="edit-parentId"
          label={t('admin.field.parentId')}
          hint={t('admin.unit.moveHint')}
          value={v.parentId}
          onChange={set('parentId')}
          placeholder={t('admin.unitForm.noParent')}
          options={units.filter((u) => u.status === 'open' && u.id !== unit.id).map(unitOption)}
        />
        <TextField path="edit-agencyCode" label={t('admin.field.agencyCode')} optional value={v.agencyCode} onChange={set('agencyCode')} spellCheck={false} />
        <TextField path="edit-address" label={t('admin.field.address')} optional value={v.address} onChange={set('address')} />
        <TextField path="edit-phone" type="tel" label={t('admin.field.phone')} optional value={v.phone} onChange={set('phone')} />
        <TextField path="edit-email" type="email" label={t('admin.field.email')} optional value={v.email} onChange={set('email')} />
        <ReasonField path="edit-reason" optional value={v.reason} onChange={set('reason')} />
        <button type="submit" className="button" disabled={busy}>
          {t('admin.common.save')}
        </button>
      </form>
    </section>
  );
}

function CloseUnit({ unit, units, onSaved }: { unit: OrgUnit; units: OrgUnit[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const { run, busy } = useSubmit();
  const { setErrors } = useAdmin();
  const [v, setV] = useState({ effectiveTo: vnToday(), succeededBy: '', reason: '' });
  const [confirming, setConfirming] = useState(false);
  const set = (k: keyof typeof v) => (value: string) => {
    setConfirming(false);
    setV((old) => ({ ...old, [k]: value }));
  };
  function check(): ShownError[] {
    const errs: ShownError[] = [];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.effectiveTo)) errs.push({ path: 'close-effectiveTo', message: t('admin.unit.closeDateRequired') });
    const reason = reasonProblem(t, v.reason);
    if (reason) errs.push({ path: 'close-reason', message: reason });
    return errs;
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    const errs = check();
    setErrors(errs);
    if (errs.length === 0) setConfirming(true);
  }
  async function confirm() {
    const ok = await run({
      action: async () => {
        const saved = await api<OrgUnit>(`/api/admin/units/${encodeURIComponent(unit.id)}/close`, {
          method: 'POST',
          body: { effectiveTo: v.effectiveTo, succeededBy: v.succeededBy || undefined, reason: v.reason.trim() },
        });
        onSaved();
        return t('admin.unit.closed', { name: saved.name, date: formatDay(saved.effectiveTo) });
      },
      prefix: 'close',
      fallbackPath: 'close-effectiveTo',
      codePaths: {
        OUT_OF_SCOPE: 'close-succeededBy',
        INVALID_SUCCESSOR: 'close-succeededBy',
        UNIT_NOT_FOUND: 'close-succeededBy',
        INVALID_CLOSE_DATE: 'close-effectiveTo',
      },
    });
    setConfirming(false);
    // The forms go away with the open unit: the focus goes back to the page heading.
    if (ok) document.querySelector<HTMLElement>('main h1')?.focus();
  }
  return (
    <section aria-labelledby="close-heading" className="admin-section">
      <h2 id="close-heading">{t('admin.unit.close')}</h2>
      <p className="hint">{t('admin.unit.closeHint')}</p>
      <form onSubmit={submit} noValidate className="admin-form">
        <TextField path="close-effectiveTo" type="date" label={t('admin.field.effectiveTo')} value={v.effectiveTo} onChange={set('effectiveTo')} />
        <SelectField
          path="close-succeededBy"
          label={t('admin.field.succeededBy')}
          optional
          value={v.succeededBy}
          onChange={set('succeededBy')}
          placeholder={t('admin.unit.noSuccessor')}
          options={units.filter((u) => u.status === 'open' && u.id !== unit.id).map(unitOption)}
        />
        <ReasonField path="close-reason" value={v.reason} onChange={set('reason')} />
        {!confirming && (
          <button type="submit" className="button admin-danger-solid">
            {t('admin.unit.closeContinue')}
          </button>
        )}
        {confirming && (
          <ConfirmPanel
            title={t('admin.unit.closeConfirm', { name: unit.name, date: formatDay(v.effectiveTo) })}
            confirmLabel={t('admin.unit.closeSubmit')}
            onConfirm={() => void confirm()}
            onBack={() => setConfirming(false)}
            busy={busy}
          />
        )}
      </form>
    </section>
  );
}
