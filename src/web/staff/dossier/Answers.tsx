/** The e-form answers with the labels of the form definition; addresses with the names of their province and commune. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormField } from '../../../core/catalogue/schema.ts';
import { isFieldVisible } from '../../../core/forms/index.ts';
import { api } from '../../api/client.ts';
import type { StaffDossier } from '../../api/types.ts';
import { displayValue } from '../../journey/fields.tsx';

const unitNames = new Map<string, Promise<Map<string, string>>>();
/** Names of the provinces ('') or of the communes of a province, fetched once. */
function namesOf(parent: string): Promise<Map<string, string>> {
  if (!unitNames.has(parent)) {
    const url = parent ? `/api/admin-units?parent=${encodeURIComponent(parent)}` : '/api/admin-units?level=province';
    unitNames.set(parent, api<{ code: string; name: string }[]>(url).then((xs) => new Map(xs.map((x) => [x.code, x.name])), () => new Map()));
  }
  return unitNames.get(parent)!;
}

function AddressText({ value }: { value: { detail?: string; communeCode?: string; provinceCode?: string } }) {
  const [names, setNames] = useState<{ commune?: string; province?: string }>({});
  useEffect(() => {
    let live = true;
    if (value.provinceCode) {
      void Promise.all([namesOf(''), namesOf(value.provinceCode)]).then(([ps, cs]) => {
        if (live) setNames({ province: ps.get(value.provinceCode!), commune: value.communeCode ? cs.get(value.communeCode) : undefined });
      });
    }
    return () => {
      live = false;
    };
  }, [value.provinceCode, value.communeCode]);
  const parts = [value.detail, names.commune ?? (value.communeCode && `mã xã ${value.communeCode}`), names.province ?? (value.provinceCode && `mã tỉnh ${value.provinceCode}`)];
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
              <span key={f.key} className="group-answer">{f.label}: <Value field={f} value={(item as Record<string, unknown>)[f.key]} /></span>
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
                  <dd><Value field={f} value={d.values[f.key]} /></dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </section>
  );
}
