/**
 * The dossier's components: each file with a link to view it and where it came from (uploaded, scanned, supplied, or
 * taken from the citizen's document store and so reused), and required components still missing.
 */
import { useTranslation } from 'react-i18next';
import type { StaffDossier } from '../../api/types.ts';
import { When } from '../bits.tsx';
import { fileSize } from '../format.ts';

export function Documents({ d }: { d: StaffDossier }) {
  const { t } = useTranslation();
  const requirementName = (code: string) => d.requirements.find((r) => r.code === code)?.name ?? code;
  const missing = d.requirements.filter((r) => r.required && !r.providedByForm && !d.documents.some((x) => x.requirementCode === r.code));
  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">{t('staff.dossier.documents')}</h2>
      {d.documents.length === 0 ? (
        <p>{t('staff.dossier.noDocuments')}</p>
      ) : (
        <table className="table responsive-table" aria-labelledby="documents-title">
          <thead>
            <tr>
              <th scope="col">{t('staff.col.component')}</th>
              <th scope="col">{t('staff.col.file')}</th>
              <th scope="col">{t('staff.col.source')}</th>
              <th scope="col">{t('staff.col.addedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {d.documents.map((doc) => (
              <tr key={doc.id}>
                <td data-label={t('staff.col.component')}>{requirementName(doc.requirementCode)}</td>
                <td data-label={t('staff.col.file')}>
                  <a href={`/api/staff/dossiers/${d.id}/documents/${doc.id}`} target="_blank" rel="noopener">
                    {t('staff.dossier.view', { name: doc.name })}
                    <span className="visually-hidden"> {t('staff.common.opensNewTab')}</span>
                  </a>
                  <span className="cell-note">
                    {doc.mime === 'application/pdf' ? 'PDF' : doc.mime.replace('image/', '').toUpperCase()} · {fileSize(doc.size)}
                  </span>
                </td>
                <td data-label={t('staff.col.source')}>
                  <span data-testid={`source-${doc.requirementCode}`}>
                    {doc.fromStore ? t('staff.source.fromStore') : t(`staff.source.${doc.source}`, { defaultValue: doc.source })}
                  </span>
                  {doc.reused && <span className="cell-note">{t('staff.source.reused')}</span>}
                </td>
                <td data-label={t('staff.col.addedAt')}>
                  <When at={doc.addedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {missing.length > 0 && (
        <div className="note">
          <p>{t('staff.dossier.missingDocuments')}</p>
          <ul>
            {missing.map((r) => (
              <li key={r.code}>{r.name}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
