/**
 * The dossier's photo copies digitised by the citizen (issue 16 item 2): each says "Bản chụp do công dân tự số hoá —
 * cần đối chiếu bản gốc", lists the values the citizen confirmed with their source and every change
 * ("đã sửa: <original> → <new>"), and — for the counter officer of the receiving unit or the competent agency's
 * specialist — offers "Đã đối chiếu bản gốc", which stamps the NĐ 137/2024 conversion mark, signs the file with the
 * unit's certificate, marks it digitised and puts it in the citizen's store. Nothing shows for a dossier without one.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffPhotoCopies } from '../../../contract/self-digitisation.ts';
import { api } from '../../api/client.ts';
import { errorText } from '../../data/errors.ts';
import '../../i18n/selfdigit.ts';
import { vnDateTime } from '../format.ts';

export function PhotoCopies({ dossierId, onChanged }: { dossierId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const key = ['staff', 'dossier', dossierId, 'photo-copies'];
  const query = useQuery({ queryKey: key, queryFn: () => api<StaffPhotoCopies>(`/api/staff/dossiers/${dossierId}/photo-copies`) });
  const [problem, setProblem] = useState<string | null>(null);
  const confirm = useMutation({
    mutationFn: (documentId: string) =>
      api<StaffPhotoCopies>(`/api/staff/dossiers/${dossierId}/photo-copies/${documentId}/confirm-original`, { method: 'POST', body: {} }),
    onSuccess: (data) => {
      setProblem(null);
      qc.setQueryData(key, data);
      onChanged();
    },
    onError: (e) => setProblem(errorText(e, t('selfdigit.loadError'))),
  });
  if (query.error)
    return (
      <p className="error-box" role="alert">
        {t('selfdigit.loadError')}
      </p>
    );
  const data = query.data;
  if (!data || data.items.length === 0) return null;
  return (
    <section aria-labelledby="photo-copies-title" data-testid="photo-copies">
      <h2 id="photo-copies-title">{t('selfdigit.staffTitle')}</h2>
      {problem && (
        <p className="error-box" role="alert">
          {problem}
        </p>
      )}
      {data.items.map((item) => (
        <div key={item.documentId} className="card photo-copy-item" data-testid={`photo-copy-${item.requirementCode}`}>
          <h3>{item.name}</h3>
          <p>
            <a href={`/api/staff/dossiers/${dossierId}/documents/${item.documentId}`} target="_blank" rel="noopener">
              {t('selfdigit.view', { name: item.name })}
              <span className="visually-hidden"> {t('staff.common.opensNewTab')}</span>
            </a>
          </p>
          {item.originalConfirmation ? (
            <p className="doc-ok" data-testid="original-confirmed">
              {t('selfdigit.checked', {
                at: vnDateTime(t, item.originalConfirmation.at),
                name: item.originalConfirmation.officialName,
                certificate: item.originalConfirmation.certificate,
              })}
            </p>
          ) : (
            <p className="note" data-testid="needs-check">
              <strong>{t('selfdigit.needsCheck')}</strong>
            </p>
          )}
          {item.fields.length === 0 ? (
            <p>{t('selfdigit.notConfirmed')}</p>
          ) : (
            <table className="table responsive-table">
              <caption>{t('selfdigit.fieldsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('selfdigit.field')}</th>
                  <th scope="col">{t('selfdigit.value')}</th>
                </tr>
              </thead>
              <tbody>
                {item.fields.map((f) => (
                  <tr key={f.name} className={f.original ? 'changed-value' : f.low ? 'low-confidence' : undefined}>
                    <th scope="row" data-label={t('selfdigit.field')}>
                      {f.label}
                    </th>
                    <td data-label={t('selfdigit.value')} data-testid={`field-${f.name}`}>
                      {f.original ? <strong>{f.note}</strong> : f.note}
                      {f.low && !f.original && <span className="cell-note">{t('selfdigit.low')}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {!item.originalConfirmation && data.canConfirm && (
            <div>
              <p className="hint" id={`confirm-hint-${item.documentId}`}>
                {t('selfdigit.confirmOriginalHint')}
              </p>
              <button
                type="button"
                className="button"
                aria-describedby={`confirm-hint-${item.documentId}`}
                disabled={confirm.isPending}
                onClick={() => confirm.mutate(item.documentId)}
              >
                {confirm.isPending ? t('selfdigit.confirming') : t('selfdigit.confirmOriginal')}
              </button>
            </div>
          )}
        </div>
      ))}
    </section>
  );
}
