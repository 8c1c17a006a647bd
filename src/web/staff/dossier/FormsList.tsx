/** The one-stop forms (PDF) this dossier has, each only once the event it records is in the dossier's log. */
import { useTranslation } from 'react-i18next';
import type { StaffDossier } from '../../api/types.ts';

const FORMS: { form: string; events: string[] }[] = [
  { form: 'mau-01', events: ['received'] },
  { form: 'mau-02', events: ['completion_requested', 'supplement_requested'] },
  { form: 'mau-03', events: ['refused'] },
  { form: 'mau-04', events: ['rescheduled'] },
  { form: 'mau-05', events: ['stopped'] },
  { form: 'mau-06', events: ['received'] },
];

export function FormsList({ d }: { d: StaffDossier }) {
  const { t } = useTranslation();
  const available = FORMS.filter((f) => d.log.some((e) => f.events.includes(e.action)));
  return (
    <section aria-labelledby="forms-title">
      <h2 id="forms-title">{t('staff.dossier.forms')}</h2>
      {available.length === 0 ? (
        <p>{t('staff.dossier.noForms')}</p>
      ) : (
        <ul className="forms-list">
          {available.map((f) => (
            <li key={f.form}>
              <a
                href={f.form === 'mau-01' ? `/api/staff/dossiers/${d.id}/mau-01.pdf` : `/api/staff/dossiers/${d.id}/forms/${f.form}.pdf`}
                target="_blank"
                rel="noopener"
              >
                {t(`staff.form.${f.form}`)}
                <span className="visually-hidden"> {t('staff.common.opensNewTab')}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
