/** Back-office login: username and password, then the 6-digit code when the account has TOTP enabled. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import { ErrorSummary, type ShownError } from '../journey/ErrorSummary.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import { useStaff } from './StaffSession.tsx';

export function StaffLoginPage() {
  const { t } = useTranslation();
  const heading = usePageTitle(t('staff.login.title'));
  const { reload } = useStaff();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [errors, setErrors] = useState<ShownError[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: ShownError[] = [];
    if (!username.trim()) missing.push({ path: 'username', message: t('staff.login.usernameRequired') });
    if (!password) missing.push({ path: 'password', message: t('staff.login.passwordRequired') });
    if (needTotp && !/^\d{6}$/.test(totp)) missing.push({ path: 'totp', message: t('staff.login.totpRequired') });
    setErrors(missing);
    if (missing.length) return;
    setBusy(true);
    try {
      await api('/api/staff/login', { method: 'POST', body: { username: username.trim(), password, ...(needTotp ? { totp } : {}) } });
      await reload();
      // Back to the page asked for (?tiep=…), else stay on the page this login form was shown on.
      const back = new URLSearchParams(location.search).get('tiep') ?? location.pathname + location.search;
      navigate(back.startsWith('/can-bo') ? back : '/can-bo', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TOTP_REQUIRED') {
        setNeedTotp(true);
        setErrors([{ path: 'totp', message: err.message }]);
      } else {
        setErrors([
          {
            path: err instanceof ApiError && err.code === 'TOTP_INVALID' ? 'totp' : 'username',
            message: err instanceof Error ? err.message : t('error.generic'),
          },
        ]);
      }
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (path: string) => errors.find((x) => x.path === path)?.message;
  return (
    <section className="narrow">
      <h1 ref={heading} tabIndex={-1}>
        {t('staff.login.title')}
      </h1>
      <p className="lead">{t('staff.login.lead')}</p>
      <ErrorSummary errors={errors} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className={`form-group${fieldError('username') ? ' has-error' : ''}`}>
          <label htmlFor="f-username">{t('staff.login.username')}</label>
          {fieldError('username') && (
            <p className="field-error" id="e-username">
              {fieldError('username')}
            </p>
          )}
          <input
            id="f-username"
            type="text"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            aria-describedby={fieldError('username') ? 'e-username' : undefined}
          />
        </div>
        <div className={`form-group${fieldError('password') ? ' has-error' : ''}`}>
          <label htmlFor="f-password">{t('staff.login.password')}</label>
          {fieldError('password') && (
            <p className="field-error" id="e-password">
              {fieldError('password')}
            </p>
          )}
          <input
            id="f-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby={fieldError('password') ? 'e-password' : undefined}
          />
        </div>
        {needTotp && (
          <div className={`form-group${fieldError('totp') ? ' has-error' : ''}`}>
            <label htmlFor="f-totp">{t('staff.login.totp')}</label>
            {fieldError('totp') && (
              <p className="field-error" id="e-totp">
                {fieldError('totp')}
              </p>
            )}
            <input
              id="f-totp"
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={totp}
              onChange={(e) => setTotp(e.target.value)}
            />
          </div>
        )}
        <button type="submit" className="button" disabled={busy}>
          {t('staff.login.submit')}
        </button>
      </form>
    </section>
  );
}
