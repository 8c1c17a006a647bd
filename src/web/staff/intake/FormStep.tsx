/**
 * Step 3 of a counter intake: the case's e-form, prefilled from the population database (prefilled answers are
 * marked), every page on one screen, validated with the same engine as the citizen's journey and the server.
 */
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isFieldVisible, localiseFieldError, validateForm, visiblePages, vnToday } from '../../../core/forms/index.ts';
import { ErrorSummary } from '../../journey/ErrorSummary.tsx';
import { Field } from '../../journey/fields.tsx';
import { titleOf, useFormLanguage } from '../../journey/labels.ts';
import type { StepProps } from './state.ts';
import '../../journey/form-messages-english.ts';

export function FormStep({ state, update, errors, setErrors, next }: StepProps) {
  const { t } = useTranslation();
  const lang = useFormLanguage();
  const prefill = state.prefill!;
  const form = prefill.form;
  const pages = visiblePages(form, state.values);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = validateForm(form, state.values, { today: vnToday() });
    setErrors(r.errors.map((x) => ({ path: x.path, message: localiseFieldError(form, x, lang) })));
    if (r.valid) next();
  };
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} />
      {prefill.prefilledFields.length > 0 && <p className="note">{t('staff.intake.form.prefilledNote')}</p>}
      {pages.map((page) => (
        <section key={page.key} aria-labelledby={`page-${page.key}`} className="form-page">
          <h2 id={`page-${page.key}`}>{titleOf(page, lang)}</h2>
          {page.fields
            .filter((f) => isFieldVisible(form, state.values, f.key))
            .map((f) => (
              <Field
                key={f.key}
                field={f}
                value={state.values[f.key]}
                prefilled={prefill.prefilledFields.includes(f.key)}
                error={errors.find((x) => x.path === f.key || x.path.startsWith(`${f.key}.`) || x.path.startsWith(`${f.key}[`))?.message}
                onChange={(v) => update({ values: { ...state.values, [f.key]: v } })}
              />
            ))}
        </section>
      ))}
      <button type="submit" className="button">
        {t('staff.common.continue')}
      </button>
    </form>
  );
}
