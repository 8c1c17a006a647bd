/** A difference shown as a table: where, before, after; each row says in words whether it was added, removed, changed or moved. */
import { useTranslation } from 'react-i18next';
import type { DiffRow } from './diff.ts';

export function DiffTable({ rows, caption, testId }: { rows: DiffRow[]; caption: string; testId?: string }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="muted">{t('admin.diff.none')}</p>;
  return (
    <table className="table admin-table admin-diff" data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('admin.diff.where')}</th>
          <th scope="col">{t('admin.diff.before')}</th>
          <th scope="col">{t('admin.diff.after')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} className={`admin-diff-${r.kind}`}>
            <td data-label={t('admin.diff.where')}>
              <span className="admin-diff-kind">{t(`admin.diff.kind.${r.kind}`)}</span> {r.where}
            </td>
            <td data-label={t('admin.diff.before')}>{r.kind === 'added' ? '—' : r.before}</td>
            <td data-label={t('admin.diff.after')}>{r.kind === 'removed' ? '—' : r.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
