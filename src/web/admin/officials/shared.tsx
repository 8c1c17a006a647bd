/** Pieces shared by the official pages: memberships (unit × role) editing and the password with its strength rule. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaff } from '../../staff/StaffSession.tsx';
import { ListEditor } from '../ListEditor.tsx';
import { ALL_ROLES, RESERVED_ROLES, type Membership, type OrgUnit, type RoleCode } from '../types.ts';
import { fieldPath, SelectField, TextField } from '../ui.tsx';

/** The roles this administrator may grant: all for a system administrator, else all but the reserved ones. */
export function useGrantableRoles(): string[] {
  const { hasRole } = useStaff();
  return hasRole('system_admin') ? [...ALL_ROLES] : ALL_ROLES.filter((r) => !RESERVED_ROLES.includes(r));
}

export function MembershipsEditor({
  path,
  value,
  onChange,
  units,
}: {
  path: string;
  value: Membership[];
  onChange: (v: Membership[]) => void;
  units: OrgUnit[];
}) {
  const { t } = useTranslation();
  const roles = useGrantableRoles();
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  // A role kept in a unit that has since closed stays selectable for that row.
  const unitOptions = (current: string) =>
    units.filter((u) => u.status === 'open' || u.id === current).map((u) => ({ value: u.id, label: `${u.name} (${u.id})` }));
  const roleOptions = (current: string) => [...new Set([...roles, ...(current ? [current] : [])])].map((r) => ({ value: r, label: t(`admin.role.${r}`) }));
  return (
    <ListEditor<Membership>
      path={path}
      legend={t('admin.field.memberships')}
      hint={<p className="hint">{t('admin.official.membershipsHint')}</p>}
      items={value}
      onChange={onChange}
      itemName={(m, i) =>
        t('admin.official.membershipN', { n: i + 1, what: m.unitId ? `${t(`admin.role.${m.role}`, { defaultValue: m.role })} – ${unitName(m.unitId)}` : '…' })
      }
      make={() => ({ unitId: '', role: 'specialist' })}
      firstField="unitId"
      addLabel={t('admin.official.addMembership')}
      render={(m, _i, update, ip) => (
        <div className="admin-grid">
          <SelectField
            path={fieldPath(ip, 'unitId')}
            label={t('admin.field.unitId')}
            value={m.unitId}
            onChange={(v) => update({ ...m, unitId: v })}
            placeholder={t('admin.official.chooseUnit')}
            options={unitOptions(m.unitId)}
          />
          <SelectField
            path={fieldPath(ip, 'role')}
            label={t('admin.field.role')}
            value={m.role}
            onChange={(v) => update({ ...m, role: v as RoleCode })}
            options={roleOptions(m.role)}
          />
        </div>
      )}
    />
  );
}

/** The server's rule (officials/service.ts checkPasswordStrength): at least 10 characters, letters and digits. */
export function passwordProblem(t: (k: string) => string, password: string): string | undefined {
  if (password.length < 10 || !/[a-zA-Z]/.test(password) || !/\d/.test(password)) return t('admin.official.passwordWeak');
  return undefined;
}

/** A random password that meets the rule (letters and digits, no look-alike characters). */
export function randomPassword(length = 14): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    let out = '';
    for (const b of bytes) if (b < 256 - (256 % alphabet.length) && out.length < length) out += alphabet[b % alphabet.length];
    if (out.length === length && /[a-zA-Z]/.test(out) && /\d/.test(out)) return out;
  }
}

export function PasswordField({ path, label, value, onChange }: { path: string; label: string; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const ok = value !== '' && !passwordProblem(t, value);
  return (
    <div className="admin-password">
      <TextField
        path={path}
        type={shown ? 'text' : 'password'}
        label={label}
        hint={t('admin.official.passwordRule')}
        value={value}
        onChange={onChange}
        autoComplete="new-password"
        spellCheck={false}
      />
      <p className={ok ? 'admin-password-ok' : 'hint'} aria-live="polite">
        {value === '' ? '' : ok ? t('admin.official.passwordOk') : t('admin.official.passwordWeak')}
      </p>
      <div className="admin-check">
        <input id={`${path}-show`} type="checkbox" checked={shown} onChange={(e) => setShown(e.target.checked)} />
        <label htmlFor={`${path}-show`}>{t('admin.official.showPassword')}</label>
      </div>
      <button
        type="button"
        className="button button-secondary admin-generate"
        onClick={() => {
          onChange(randomPassword());
          setShown(true);
        }}
      >
        {t('admin.official.generatePassword')}
      </button>
    </div>
  );
}
