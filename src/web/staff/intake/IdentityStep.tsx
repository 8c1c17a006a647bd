/**
 * Step 1 of a counter intake: the officer types the 12-digit number from the citizen's identity card, the system
 * shows the person as recorded in the national population database, and the officer confirms it is the person at
 * the counter (the check is recorded on the dossier).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import type { IdentityCheckResult } from '../../api/types.ts';
import { ErrorSummary } from '../../journey/ErrorSummary.tsx';
import { vnDateTime } from '../format.ts';
import { emptyIntake, type StepProps } from './state.ts';

export function IdentityStep({ state, update, errors, setErrors, next }: StepProps) {
  const { t } = useTranslation();
  const [idNumber, setIdNumber] = useState(state.identity?.person.idNumber ?? '');
  const [busy, setBusy] = useState(false);
  const [found, setFound] = useState<IdentityCheckResult | null>(state.identity);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (found && found !== state.identity) resultHeading.current?.focus();
  }, [found, state.identity]);

  const check = async (e: FormEvent) => {
    e.preventDefault();
    const n = idNumber.replace(/\s/g, '');
    if (!/^\d{12}$/.test(n)) return setErrors([{ path: 'idNumber', message: t('staff.intake.identity.invalid') }]);
    setErrors([]);
    setBusy(true);
    setFound(null);
    try {
      setFound(await api<IdentityCheckResult>('/api/staff/intake/identity-check', { method: 'POST', body: { idNumber: n } }));
    } catch (err) {
      setErrors([{ path: 'idNumber', message: err instanceof ApiError ? err.message : t('error.generic') }]);
    } finally {
      setBusy(false);
    }
  };

  const confirm = () => {
    if (!found) return;
    // Another person: nothing typed for the previous one is kept.
    if (state.identity?.person.idNumber !== found.person.idNumber) {
      update({ ...emptyIntake(), identity: found, phone: found.person.phone ?? '', email: found.person.email ?? '' });
    } else update({ identity: found });
    next();
  };
  const error = errors.find((x) => x.path === 'idNumber')?.message;
  const p = found?.person;

  return (
    <div>
      <ErrorSummary errors={errors} />
      <form onSubmit={(e) => void check(e)} noValidate>
        <div className={`form-group${error ? ' has-error' : ''}`}>
          <label htmlFor="f-idNumber">{t('staff.intake.identity.label')}</label>
          <p className="hint" id="f-idNumber-hint">
            {t('staff.intake.identity.hint')}
          </p>
          {error && (
            <p className="field-error" id="f-idNumber-error">
              {error}
            </p>
          )}
          <input
            id="f-idNumber"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            maxLength={12}
            value={idNumber}
            aria-describedby={`f-idNumber-hint${error ? ' f-idNumber-error' : ''}`}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setIdNumber(e.target.value.replace(/\D/g, ''))}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('staff.intake.identity.checking') : t('staff.intake.identity.check')}
        </button>
      </form>
      {p && found && (
        <section className="person-card" aria-labelledby="person-heading">
          <h2 id="person-heading" ref={resultHeading} tabIndex={-1}>
            {t('staff.intake.identity.found')}
          </h2>
          <dl className="summary-list">
            <div>
              <dt>{t('staff.intake.identity.fullName')}</dt>
              <dd className="person-name">{p.fullName}</dd>
            </div>
            <div>
              <dt>{t('staff.intake.identity.idNumber')}</dt>
              <dd>{p.idNumber}</dd>
            </div>
            <div>
              <dt>{t('staff.intake.identity.birthDate')}</dt>
              <dd>{p.birthDate.split('-').reverse().join('/')}</dd>
            </div>
            <div>
              <dt>{t('staff.intake.identity.gender')}</dt>
              <dd>{p.gender}</dd>
            </div>
            <div>
              <dt>{t('staff.intake.identity.nationality')}</dt>
              <dd>{p.nationality}</dd>
            </div>
            <div>
              <dt>{t('staff.intake.identity.address')}</dt>
              <dd>{p.permanentAddress}</dd>
            </div>
          </dl>
          <p className="muted">{t('staff.intake.identity.checkedAt', { at: vnDateTime(t, found.checkedAt) })}</p>
          <p className="note">{t('staff.intake.identity.compare')}</p>
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={confirm}>
              {t('staff.intake.identity.confirm')}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setFound(null);
                setIdNumber('');
                document.getElementById('f-idNumber')?.focus();
              }}
            >
              {t('staff.intake.identity.another')}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
