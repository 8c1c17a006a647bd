/** The e-form answers with the labels of the form definition; addresses with the names of their province and commune. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FormField } from '../../../core/catalogue/schema.ts';
import { isFieldVisible } from '../../../core/forms/index.ts';
import type { StaffDossier } from '../../api/types.ts';
import { referenceQueries } from '../../data/queries.ts';
import { displayValue } from '../../journey/fields.tsx';

/** An address with the names of its province and commune (the codes stand in until, or if not, the names come). */
function AddressText({ value }: { value: { detail?: string; communeCode?: string; provinceCode?: string } }) {
  const { t } = useTranslation();
  const provinces = useQuery({ ...referenceQueries.adminUnits(null), enabled: !!value.provinceCode }).data;
  const communes = useQuery({ ...referenceQueries.adminUnits(value.provinceCode ?? null), enabled: !!value.provinceCode }).data;
  const names = {
    province: provinces?.find((p) => p.code === value.provinceCode)?.name,
    commune: value.communeCode ? communes?.find((c) => c.code === value.communeCode)?.name : undefined,
  };
  const parts = [
    value.detail,
    names.commune ?? (value.communeCode && t('journey.field.communeCode', { code: value.communeCode })),
    names.province ?? (value.provinceCode && t('journey.field.provinceCode', { code: value.provinceCode })),
  ];
  return <>{parts.filter(Boolean).join(', ') || '—'}</>;
}

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
