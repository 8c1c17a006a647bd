/** The e-form answers with the labels of the form definition; addresses with the names of their province and commune. */
import { useTranslation } from 'react-i18next';
import type { FormField } from '../../../core/catalogue/schema.ts';
import { isFieldVisible } from '../../../core/forms/index.ts';
import type { StaffDossier } from '../../api/types.ts';
import { AddressText, displayValue } from '../../journey/fields.tsx';

function Value({ field, value }: { field: FormField; value: unknown }) {
  if (field.type === 'address' && value && typeof value === 'object') return <AddressText value={value as Record<string, string>} />;
  if (field.type === 'group' && Array.isArray(value)) {
    return (
      <ol className="group-answers">
        {value.map((item, i) => (
          <li key={i}>
            {(field.fields ?? []).map((f) => (
              <span key={f.key} className="group-answer">
                {f.label}: <Value field={f} value={(item as Record<string, unknown>)[f.key]} />
              </span>
            ))}
          </li>
        ))}
      </ol>
    );
  }
  return <>{displayValue(field, value)}</>;
}

export function Answers({ d }: { d: StaffDossier }) {
  const { t } = useTranslation();
  if (!d.form) return null;
  const form = d.form;
  return (
    <section aria-labelledby="answers-title">
      <h2 id="answers-title">{t('staff.dossier.answers')}</h2>
      {form.pages.map((page) => {
        const fields = page.fields.filter((f) => isFieldVisible(form, d.values, f.key));
        if (fields.length === 0) return null;
        return (
          <section key={page.key} aria-labelledby={`ans-${page.key}`}>
            <h3 id={`ans-${page.key}`}>{page.title}</h3>
            <dl className="summary-list answers">
              {fields.map((f) => (
                <div key={f.key}>
                  <dt>{f.label}</dt>
                  <dd>
                    <Value field={f} value={d.values[f.key]} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </section>
  );
}
