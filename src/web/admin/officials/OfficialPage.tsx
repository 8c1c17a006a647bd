/**
 * One official (/can-bo/quan-tri/can-bo/:id): the account and its roles; administrators edit the profile, set the
 * memberships, deactivate or reactivate, set a temporary password, unlock, and enrol or disable the second factor
 * (TOTP, shown as a QR code drawn in the browser). Nobody acts here on their own roles, password, state or second
 * factor (docs/administration.md); supervisors only read.
 */
import { useQuery } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { formatDateTime } from '../../format.ts';
import { useStaff } from '../../staff/StaffSession.tsx';
import { ChangeList } from '../ChangeList.tsx';
import { PAGE_ROLES } from '../access.ts';
import { RESERVED_ROLES, type ChangeEntry, type Membership, type Official, type OrgUnit } from '../types.ts';
import {
  AdminPage,
  clearableText,
  ConfirmPanel,
  LoadError,
  Loading,
  QueryError,
  reasonProblem,
  ReasonField,
  TextField,
  useAdmin,
  useSubmit,
  type ShownError,
} from '../ui.tsx';
import { membershipProblems, OFFICIAL_CODE_PATHS } from './OfficialCreatePage.tsx';
import { AccountState } from './OfficialsPage.tsx';
import { MembershipsEditor, PasswordField, passwordProblem } from './shared.tsx';
import { adminQueries } from '../queries.ts';
import { errorText } from '../../data/errors.ts';

export function OfficialPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const official = useQuery(adminQueries.official(id));
  const history = useQuery(adminQueries.changes({ entityId: id, pageSize: 100 }));
  const reload = () => {
    void official.refetch();
    void history.refetch();
  };
  return (
    <AdminPage title={official.data ? official.data.fullName : t('admin.official.title')} roles={PAGE_ROLES.officials}>
      <QueryError error={official.error} />
      {!official.data && !official.error && <Loading />}
      {official.data && (
        <OfficialDetails
          o={official.data}
          reload={reload}
          history={history.data?.items}
          historyError={history.error ? errorText(history.error, t('error.generic')) : undefined}
        />
      )}
    </AdminPage>
  );
}

function OfficialDetails({ o, reload, history, historyError }: { o: Official; reload: () => void; history?: ChangeEntry[]; historyError?: string }) {
  const { t } = useTranslation();
  const { user, hasRole } = useStaff();
  const units = useQuery(adminQueries.units('all'));
  const unitName = (id: string) => units.data?.items.find((u) => u.id === id)?.name ?? id;
  const self = user?.id === o.id;
  // A unit administrator manages accounts whose every role is in their reach (the units the API lists) and not reserved.
  const reach = new Set((units.data?.items ?? []).map((u) => u.id));
  const manageable =
    hasRole('system_admin') ||
    (hasRole('unit_admin') && o.memberships.length > 0 && o.memberships.every((m) => reach.has(m.unitId) && !RESERVED_ROLES.includes(m.role)));
  return (
    <>
      <dl className="summary-list admin-dl" data-testid="official-details">
        <div>
          <dt>{t('admin.field.username')}</dt>
          <dd>{o.username}</dd>
        </div>
        <div>
          <dt>{t('admin.field.officialTitle')}</dt>
          <dd>{o.title ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('admin.field.email')}</dt>
          <dd>{o.email ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('admin.field.phone')}</dt>
          <dd>{o.phone ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('admin.field.memberships')}</dt>
          <dd>
            <ul className="admin-plain">
              {o.memberships.map((m) => (
                <li key={`${m.unitId}|${m.role}`}>
                  {t(`admin.role.${m.role}`)} – {unitName(m.unitId)}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t('admin.officials.state')}</dt>
          <dd data-testid="account-state">
            <AccountState o={o} />
          </dd>
        </div>
        <div>
          <dt>{t('admin.official.failedAttempts')}</dt>
          <dd>
            {o.failedAttempts}
            {o.lockedUntil && o.locked ? ` · ${t('admin.official.lockedUntil', { at: formatDateTime(o.lockedUntil) })}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('admin.official.lastLogin')}</dt>
          <dd>{o.lastLoginAt ? formatDateTime(o.lastLoginAt) : t('admin.official.never')}</dd>
        </div>
        <div>
          <dt>{t('admin.official.createdAt')}</dt>
          <dd>{formatDateTime(o.createdAt)}</dd>
        </div>
      </dl>
      {!hasRole('system_admin', 'unit_admin') && <p className="panel-info">{t('admin.common.readOnly')}</p>}
      {hasRole('system_admin', 'unit_admin') && units.data && !manageable && !self && <p className="panel-info">{t('admin.official.notManageable')}</p>}
      {self && <p className="panel-info">{t('admin.official.selfNote')}</p>}
      {units.data && (manageable || self) && <ProfileForm key={`p${JSON.stringify(o)}`} o={o} onSaved={reload} />}
      {units.data && manageable && !self && <RolesForm key={`r${o.id}${JSON.stringify(o.memberships)}`} o={o} units={units.data.items} onSaved={reload} />}
      {units.data && manageable && !self && <AccountForms key={`a${o.id}${o.active}${o.locked}${o.failedAttempts}`} o={o} onSaved={reload} />}
      {units.data && (manageable || self) && <TotpSection key={`t${o.id}${o.totpEnabled}`} o={o} self={self} onSaved={reload} />}
      <h2>{t('admin.official.history')}</h2>
      {historyError && <LoadError message={historyError} />}
      {history ? <ChangeList entries={history} /> : !historyError && <Loading />}
    </>
  );
}

function ProfileForm({ o, onSaved }: { o: Official; onSaved: () => void }) {
  const { t } = useTranslation();
  const { run, busy } = useSubmit();
  const initial = { fullName: o.fullName, title: o.title ?? '', email: o.email ?? '', phone: o.phone ?? '' };
  const [v, setV] = useState({ ...initial, reason: '' });
  const set = (k: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [k]: value }));
  function submit(e: FormEvent) {
    e.preventDefault();
    const patch: Record<string, string | null> = {};
    for (const k of ['fullName', 'title', 'email', 'phone'] as const)
      if (v[k].trim() !== initial[k]) patch[k] = k === 'fullName' ? v[k].trim() : clearableText(v[k]);
    void run({
      check: () => {
        const errs: ShownError[] = [];
        if (!v.fullName.trim()) errs.push({ path: 'profile-fullName', message: t('admin.officialForm.fullNameRequired') });
        else if (Object.keys(patch).length === 0) errs.push({ path: 'profile-fullName', message: t('admin.common.nothingChanged') });
        const reason = reasonProblem(t, v.reason, true);
        if (reason) errs.push({ path: 'profile-reason', message: reason });
        return errs;
      },
      action: async () => {
        await api<Official>(`/api/admin/officials/${o.id}`, { method: 'PATCH', body: { ...patch, reason: v.reason.trim() || undefined } });
        onSaved();
        return t('admin.official.profileSaved');
      },
      prefix: 'profile',
      fallbackPath: 'profile-fullName',
    });
  }
  return (
    <section aria-labelledby="profile-heading" className="admin-section">
      <h2 id="profile-heading">{t('admin.official.profile')}</h2>
      <form onSubmit={submit} noValidate className="admin-form">
        <TextField path="profile-fullName" label={t('admin.field.fullName')} value={v.fullName} onChange={set('fullName')} />
        <TextField path="profile-title" label={t('admin.field.officialTitle')} optional value={v.title} onChange={set('title')} />
        <TextField path="profile-email" type="email" label={t('admin.field.email')} optional value={v.email} onChange={set('email')} />
        <TextField path="profile-phone" type="tel" label={t('admin.field.phone')} optional value={v.phone} onChange={set('phone')} />
        <ReasonField path="profile-reason" optional value={v.reason} onChange={set('reason')} />
        <button type="submit" className="button" disabled={busy}>
          {t('admin.common.save')}
        </button>
      </form>
    </section>
  );
}

function RolesForm({ o, units, onSaved }: { o: Official; units: OrgUnit[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const { run, busy } = useSubmit();
  const [memberships, setMemberships] = useState<Membership[]>(o.memberships);
  const [reason, setReason] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    void run({
      check: () => {
        const errs = membershipProblems(t, 'roles-memberships', memberships);
        const key = (ms: Membership[]) =>
          ms
            .map((m) => `${m.unitId}|${m.role}`)
            .sort()
            .join();
        if (errs.length === 0 && key(memberships) === key(o.memberships)) errs.push({ path: 'roles-memberships', message: t('admin.common.nothingChanged') });
        const r = reasonProblem(t, reason, true);
        if (r) errs.push({ path: 'roles-reason', message: r });
        return errs;
      },
      action: async () => {
        await api<Official>(`/api/admin/officials/${o.id}/memberships`, { method: 'PUT', body: { memberships, reason: reason.trim() || undefined } });
        onSaved();
        return t('admin.official.rolesSaved');
      },
      prefix: 'roles',
      fallbackPath: 'roles-memberships',
      codePaths: OFFICIAL_CODE_PATHS('roles-'),
    });
  }
  return (
    <section aria-labelledby="roles-heading" className="admin-section">
      <h2 id="roles-heading">{t('admin.official.roles')}</h2>
      <p className="hint">{t('admin.official.rolesHint')}</p>
      <form onSubmit={submit} noValidate className="admin-form">
        <MembershipsEditor path="roles-memberships" value={memberships} onChange={setMemberships} units={units} />
        <ReasonField path="roles-reason" optional value={reason} onChange={setReason} />
        <button type="submit" className="button" disabled={busy}>
          {t('admin.official.saveRoles')}
        </button>
      </form>
    </section>
  );
}

function AccountForms({ o, onSaved }: { o: Official; onSaved: () => void }) {
  const { t } = useTranslation();
  const { run, busy } = useSubmit();
  const { setErrors } = useAdmin();
  const [stateReason, setStateReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [unlockReason, setUnlockReason] = useState('');
  const [password, setPassword] = useState('');
  const [passwordReason, setPasswordReason] = useState('');

  function submitState(e: FormEvent) {
    e.preventDefault();
    const problem = reasonProblem(t, stateReason, !o.active);
    if (problem) {
      setErrors([{ path: 'state-reason', message: problem }]);
      return;
    }
    setErrors([]);
    if (o.active) setConfirming(true);
    else void changeState();
  }
  async function changeState() {
    await run({
      action: async () => {
        await api<Official>(`/api/admin/officials/${o.id}/${o.active ? 'deactivate' : 'reactivate'}`, {
          method: 'POST',
          body: { reason: stateReason.trim() || undefined },
        });
        onSaved();
        return o.active ? t('admin.official.deactivated', { name: o.fullName }) : t('admin.official.reactivated', { name: o.fullName });
      },
      prefix: 'state',
      fallbackPath: 'state-reason',
    });
    setConfirming(false);
  }
  function submitUnlock(e: FormEvent) {
    e.preventDefault();
    void run({
      check: () => {
        const r = reasonProblem(t, unlockReason, true);
        return r ? [{ path: 'unlock-reason', message: r }] : [];
      },
      action: async () => {
        await api<Official>(`/api/admin/officials/${o.id}/unlock`, { method: 'POST', body: { reason: unlockReason.trim() || undefined } });
        onSaved();
        return t('admin.official.unlocked', { name: o.fullName });
      },
      prefix: 'unlock',
      fallbackPath: 'unlock-reason',
    });
  }
  function submitPassword(e: FormEvent) {
    e.preventDefault();
    void run({
      check: () => {
        const errs: ShownError[] = [];
        const weak = passwordProblem(t, password);
        if (weak) errs.push({ path: 'password-new', message: weak });
        const r = reasonProblem(t, passwordReason, true);
        if (r) errs.push({ path: 'password-reason', message: r });
        return errs;
      },
      action: async () => {
        await api<Official>(`/api/admin/officials/${o.id}/password`, { method: 'POST', body: { password, reason: passwordReason.trim() || undefined } });
        setPassword('');
        setPasswordReason('');
        onSaved();
        return t('admin.official.passwordSet', { name: o.fullName });
      },
      prefix: 'password',
      fallbackPath: 'password-new',
      codePaths: { WEAK_PASSWORD: 'password-new' },
    });
  }

  return (
    <section aria-labelledby="account-heading" className="admin-section">
      <h2 id="account-heading">{t('admin.official.account')}</h2>
      <h3>{o.active ? t('admin.official.deactivate') : t('admin.official.reactivate')}</h3>
      <p className="hint">{o.active ? t('admin.official.deactivateHint') : t('admin.official.reactivateHint')}</p>
      <form onSubmit={submitState} noValidate className="admin-form">
        <ReasonField
          path="state-reason"
          optional={!o.active}
          value={stateReason}
          onChange={(v) => {
            setStateReason(v);
            setConfirming(false);
          }}
        />
        {!confirming && (
          <button type="submit" className={o.active ? 'button admin-danger-solid' : 'button'} disabled={busy}>
            {o.active ? t('admin.official.deactivate') : t('admin.official.reactivate')}
          </button>
        )}
        {confirming && (
          <ConfirmPanel
            title={t('admin.official.deactivateConfirm', { name: o.fullName, username: o.username })}
            confirmLabel={t('admin.official.deactivate')}
            onConfirm={() => void changeState()}
            onBack={() => setConfirming(false)}
            busy={busy}
          />
        )}
      </form>

      {(o.locked || o.failedAttempts > 0) && (
        <>
          <h3>{t('admin.official.unlock')}</h3>
          <p className="hint">{t('admin.official.unlockHint', { n: o.failedAttempts })}</p>
          <form onSubmit={submitUnlock} noValidate className="admin-form">
            <ReasonField path="unlock-reason" optional value={unlockReason} onChange={setUnlockReason} />
            <button type="submit" className="button" disabled={busy}>
              {t('admin.official.unlock')}
            </button>
          </form>
        </>
      )}

      <h3>{t('admin.official.resetPassword')}</h3>
      <p className="hint">{t('admin.official.resetPasswordHint')}</p>
      <form onSubmit={submitPassword} noValidate className="admin-form">
        <PasswordField path="password-new" label={t('admin.official.temporaryPassword')} value={password} onChange={setPassword} />
        <ReasonField path="password-reason" optional value={passwordReason} onChange={setPasswordReason} />
        <button type="submit" className="button" disabled={busy}>
          {t('admin.official.setPassword')}
        </button>
      </form>
    </section>
  );
}

function QrImage({ text, alt }: { text: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { margin: 2, width: 220, errorCorrectionLevel: 'M' }).then(
      (s) => live && setSrc(s),
      () => live && setSrc(null),
    );
    return () => {
      live = false;
    };
  }, [text]);
  return src ? <img src={src} alt={alt} width={220} height={220} className="admin-qr" data-testid="totp-qr" /> : null;
}

function TotpSection({ o, self, onSaved }: { o: Official; self: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const { run, busy } = useSubmit();
  const [enrolment, setEnrolment] = useState<{ otpauthUrl: string; expiresAt: string } | null>(null);
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');

  function start() {
    void run({
      action: async () => {
        const e = await api<{ otpauthUrl: string; expiresAt: string }>(`/api/admin/officials/${o.id}/totp/enrol`, { method: 'POST', body: {} });
        setEnrolment(e);
        setCode('');
        // The start is in the log too (without the secret): refresh the history.
        onSaved();
        return t('admin.totp.started', { at: formatDateTime(e.expiresAt) });
      },
      fallbackPath: 'totp-start',
    });
  }
  function verify(e: FormEvent) {
    e.preventDefault();
    void run({
      check: () => (/^\d{6}$/.test(code.trim()) ? [] : [{ path: 'totp-code', message: t('admin.totp.codeRule') }]),
      action: async () => {
        await api<Official>(`/api/admin/officials/${o.id}/totp/verify`, { method: 'POST', body: { code: code.trim() } });
        onSaved();
        return t('admin.totp.enabled', { name: o.fullName });
      },
      prefix: 'totp',
      fallbackPath: 'totp-code',
    });
  }
  function disable(e: FormEvent) {
    e.preventDefault();
    void run({
      check: () => {
        const r = reasonProblem(t, reason);
        return r ? [{ path: 'totp-reason', message: r }] : [];
      },
      action: async () => {
        await api<Official>(`/api/admin/officials/${o.id}/totp/disable`, { method: 'POST', body: { reason: reason.trim() } });
        onSaved();
        return t('admin.totp.disabled', { name: o.fullName });
      },
      prefix: 'totp',
      fallbackPath: 'totp-reason',
    });
  }

  return (
    <section aria-labelledby="totp-heading" className="admin-section">
      <h2 id="totp-heading">{t('admin.totp.title')}</h2>
      {o.totpEnabled ? (
        <>
          <p>{t('admin.totp.isOn')}</p>
          {self ? (
            <p className="hint">{t('admin.totp.selfDisable')}</p>
          ) : (
            <form onSubmit={disable} noValidate className="admin-form">
              <ReasonField path="totp-reason" value={reason} onChange={setReason} />
              <button type="submit" className="button admin-danger-solid" disabled={busy}>
                {t('admin.totp.disable')}
              </button>
            </form>
          )}
        </>
      ) : (
        <>
          <p>{t('admin.totp.isOff')}</p>
          {!enrolment && (
            <button type="button" id="f-totp-start" className="button" onClick={start} disabled={busy}>
              {t('admin.totp.start')}
            </button>
          )}
          {enrolment && (
            <div className="admin-totp" data-testid="totp-enrolment">
              <ol className="steps">
                <li>{t('admin.totp.step1')}</li>
                <li>{t('admin.totp.step2')}</li>
              </ol>
              <QrImage text={enrolment.otpauthUrl} alt={t('admin.totp.qrAlt', { username: o.username })} />
              <p>
                <label htmlFor="totp-uri">{t('admin.totp.uri')}</label>
              </p>
              <textarea id="totp-uri" className="admin-code admin-uri" readOnly rows={3} value={enrolment.otpauthUrl} data-testid="totp-uri" />
              <p className="hint">{t('admin.totp.expires', { at: formatDateTime(enrolment.expiresAt) })}</p>
              <form onSubmit={verify} noValidate className="admin-form">
                <TextField
                  path="totp-code"
                  label={t('admin.totp.code')}
                  hint={t('admin.totp.codeRule')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  value={code}
                  onChange={setCode}
                />
                <div className="button-row">
                  <button type="submit" className="button" disabled={busy}>
                    {t('admin.totp.verify')}
                  </button>
                  <button type="button" className="button button-secondary" onClick={start} disabled={busy}>
                    {t('admin.totp.restart')}
                  </button>
                </div>
              </form>
            </div>
          )}
        </>
      )}
    </section>
  );
}
