/**
 * The warning on the check-your-answers page when a dossier for the same subject (the same child, couple, person) is
 * still open or was finished recently (src/core/dossiers/duplicates.ts): the citizen's own dossiers with a link, and
 * someone else's (the other parent's) only by its state and date. Submitting stays possible: the receiving officer
 * then sees the dossier flagged "Có thể trùng".
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DraftDuplicate } from '../../contract/duplicates.ts';
import { nationalStatusName, type NationalStatus } from '../../core/dossiers/status.ts';
import { api } from '../api/client.ts';
import { keys } from '../data/keys.ts';
import { formatDate } from '../format.ts';

/** The duplicates of a draft, read after the pending changes are saved (so the check sees what is on screen). */
export function useDraftDuplicates(draftId: string, flush: () => Promise<void>, enabled: boolean) {
  return useQuery({
    queryKey: keys.citizen.draftDuplicates(draftId),
    queryFn: async ({ signal }) => {
      await flush();
      return (await api<{ items: DraftDuplicate[] }>(`/api/drafts/${encodeURIComponent(draftId)}/duplicates`, { signal })).items;
    },
    enabled,
    staleTime: 0,
    gcTime: 0,
  });
}

/**
 * Compact, so that "Nộp hồ sơ" below it stays on a phone's first screen (issue 18): the most recent dossier first,
 * the others folded under "Xem thêm".
 */
export function DuplicateWarning({ items }: { items: DraftDuplicate[] }) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return null;
  const status = (d: DraftDuplicate) => nationalStatusName[d.status as NationalStatus]?.[i18n.language === 'en' ? 'en' : 'vi'] ?? d.statusName;
  const item = (d: DraftDuplicate, i: number) => (
    <li key={d.dossierId ?? `other-${i}`}>
      {d.own && d.dossierId ? (
        <Link to={`/ho-so-cua-toi/${d.dossierId}`}>{t('journey.duplicates.own', { code: d.code, date: formatDate(d.submittedAt) })}</Link>
      ) : (
        t('journey.duplicates.other', { date: formatDate(d.submittedAt) })
      )}{' '}
      – {t('journey.duplicates.state', { state: status(d) })}
    </li>
  );
  const [latest, ...earlier] = [...items].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  return (
    <section className="duplicate-warning" aria-labelledby="duplicate-warning-title" data-testid="duplicate-warning">
      <h2 id="duplicate-warning-title">{t('journey.duplicates.title')}</h2>
      <ul>{item(latest, 0)}</ul>
      <details>
        <summary>{earlier.length > 0 ? t('journey.duplicates.more', { count: earlier.length }) : t('journey.duplicates.why')}</summary>
        <p>{t('journey.duplicates.lead')}</p>
        {earlier.length > 0 && <ul>{earlier.map((d, i) => item(d, i + 1))}</ul>}
        <p>{t('journey.duplicates.proceed')}</p>
      </details>
    </section>
  );
}
