/** Step 5 of a counter intake: how to reach the applicant (prefilled from the population database) and how the result is delivered. */
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { normalisePhone } from '../../../core/forms/index.ts';
import { ErrorSummary, type ShownError } from '../../journey/ErrorSummary.tsx';
import type { IntakeState, StepProps } from './state.ts';

const PHONE = /^0(3|5|7|8|9)\d{8}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
export const DELIVERIES: IntakeState['resultDelivery'][] = ['counter', 'post', 'online'];

export function ContactStep({ state, update, errors, setErrors, next }: StepProps) {
  const { t } = useTranslation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: ShownError[] = [];
    if (state.phone.trim() && !PHONE.test(normalisePhone(state.phone.trim())))
      problems.push({ path: 'contactPhone', message: t('staff.intake.contact.phoneInvalid') });
    if (state.email.trim() && !EMAIL.test(state.email.trim())) problems.push({ path: 'contactEmail', message: t('staff.intake.contact.emailInvalid') });
    setErrors(problems);
    if (problems.length === 0) next();
  };
  const err = (path: string) => errors.find((x) => x.path === path)?.message;
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} />
      <div className={`form-group${err('contactPhone') ? ' has-error' : ''}`}>
        <label htmlFor="f-contactPhone">{t('staff.intake.contact.phone')}</label>
        <p className="hint" id="f-contactPhone-hint">
          {t('staff.intake.contact.phoneHint')}
        </p>
        {err('contactPhone') && (
          <p className="field-error" id="f-contactPhone-error">
            {err('contactPhone')}
          </p>
        )}
        <input
          id="f-contactPhone"
          type="tel"
          autoComplete="off"
          value={state.phone}
          aria-describedby={`f-contactPhone-hint${err('contactPhone') ? ' f-contactPhone-error' : ''}`}
          onChange={(e) => update({ phone: e.target.value })}
        />
      </div>
      <div className={`form-group${err('contactEmail') ? ' has-error' : ''}`}>
        <label htmlFor="f-contactEmail">{t('staff.intake.contact.email')}</label>
        {err('contactEmail') && (
          <p className="field-error" id="f-contactEmail-error">
            {err('contactEmail')}
          </p>
        )}
        <input
          id="f-contactEmail"
          type="email"
          autoComplete="off"
          value={state.email}
          aria-describedby={err('contactEmail') ? 'f-contactEmail-error' : undefined}
          onChange={(e) => update({ email: e.target.value })}
        />
      </div>
      <fieldset className="form-group">
        <legend>{t('staff.intake.contact.delivery')}</legend>
        <div className="radios">
          {DELIVERIES.map((d, i) => (
            <label key={d}>
              <input
                type="radio"
                name="resultDelivery"
                id={i === 0 ? 'f-resultDelivery' : undefined}
                checked={state.resultDelivery === d}
                onChange={() => update({ resultDelivery: d })}
              />{' '}
              {t(`staff.delivery.${d}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="form-group">
        <label htmlFor="f-note">{t('staff.intake.contact.note')}</label>
        <textarea id="f-note" rows={3} value={state.note} onChange={(e) => update({ note: e.target.value })} />
      </div>
      <button type="submit" className="button">
        {t('staff.common.continue')}
      </button>
    </form>
  );
}
