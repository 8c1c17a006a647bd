/**
 * Sổ theo dõi hồ sơ (/can-bo/so-theo-doi, Mẫu 07): the register of a unit for a period, to download as PDF or Excel.
 * The units offered are the official's own (reception, leader, supervisor) and, for leaders and supervisors, the
 * units below theirs.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgUnitInfo } from '../api/types.ts';
import { keys } from '../data/keys.ts';
import { apiQuery } from '../data/query.ts';
import { usePageTitle } from '../usePageTitle.ts';
import { LoadError } from './bits.tsx';
import { errorMessage, vnTodayIso } from './format.ts';
import { useStaff } from './StaffSession.tsx';
import { DateInput } from '../components/DateInput.tsx';

export const REGISTER_ROLES = ['reception', 'leader', 'supervisor'];
const OVERSIGHT = ['leader', 'supervisor'];

/** The units whose register the official may open, counters first. */
function registerUnits(units: OrgUnitInfo[], memberships: { unitId: string; role: string }[]): OrgUnitInfo[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<string, string[]>();
  for (const u of units) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const out = new Set<string>();
  const addTree = (id: string) => {
    out.add(id);
    for (const c of children.get(id) ?? []) addTree(c);
  };
  for (const m of memberships) {
    if (!REGISTER_ROLES.includes(m.role)) continue;
    if (OVERSIGHT.includes(m.role)) addTree(m.unitId);
    else out.add(m.unitId);
  }
  return [...out]
    .map((id) => byId.get(id))
    .filter((u): u is OrgUnitInfo => !!u)
    .sort((a, b) => Number(b.kind === 'ttpvhcc') - Number(a.kind === 'ttpvhcc'));
}

export function RegisterPage() {
  const { t } = useTranslation();
  const heading = usePageTitle(t('staff.register.title'));
  const { user } = useStaff();
  const installation = useQuery({ ...apiQuery<{ provinceCode: string }>(keys.reference.installation, '/api/installation'), staleTime: 60 * 60_000 });
  const province = installation.data?.provinceCode ?? '';
  const unitsQuery = useQuery({
    ...apiQuery<OrgUnitInfo[]>(keys.reference.orgUnits({ province }), `/api/org-units?province=${encodeURIComponent(province)}`),
    enabled: !!province,
  });
  const units = unitsQuery.data ?? null;
  const failed = installation.error ?? unitsQuery.error;
  const error = failed ? errorMessage(failed, t('error.generic')) : null;
  const today = vnTodayIso();
  const [chosen, setUnitId] = useState('');
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);

  const options = useMemo(() => (units && user ? registerUnits(units, user.memberships) : []), [units, user]);
  // The first unit offered until the official chooses another.
  const unitId = chosen || (options[0]?.id ?? '');

  const invalidRange = !!from && !!to && from > to;
  const query = new URLSearchParams({ unitId, from, to }).toString();
  const ready = !!unitId && !!from && !!to && !invalidRange;

  return (
    <section className="narrow">
      <h1 ref={heading} tabIndex={-1}>
        {t('staff.register.title')}
      </h1>
      <p className="lead">{t('staff.register.lead')}</p>
      {error && <LoadError message={error} />}
      <div className="form-group">
        <label htmlFor="r-unit">{t('staff.register.unit')}</label>
        <select id="r-unit" value={unitId} onChange={(e) => setUnitId(e.target.value)} disabled={!units}>
          {!units && <option value="">{t('common.loading')}</option>}
          {options.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <div className="filters">
        <div className="field">
          <label htmlFor="r-from">{t('staff.register.from')}</label>
          <DateInput id="r-from" wholeDatesOnly value={from} onChange={setFrom} />
        </div>
        <div className="field">
          <label htmlFor="r-to">{t('staff.register.to')}</label>
          <DateInput id="r-to" wholeDatesOnly value={to} onChange={setTo} />
        </div>
      </div>
      {invalidRange && (
        <p className="field-error" role="alert">
          {t('staff.register.invalidRange')}
        </p>
      )}
      {units && options.length === 0 && <p className="note">{t('staff.register.noUnits')}</p>}
      {ready && (
        <p className="button-row">
          <a className="button" href={`/api/staff/register.pdf?${query}`} target="_blank" rel="noopener">
            {t('staff.register.pdf')}
            <span className="visually-hidden"> {t('staff.common.opensNewTab')}</span>
          </a>
          <a className="button button-secondary" href={`/api/staff/register.xlsx?${query}`} download>
            {t('staff.register.xlsx')}
          </a>
        </p>
      )}
    </section>
  );
}
