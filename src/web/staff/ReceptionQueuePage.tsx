/**
 * Tiếp nhận hồ sơ (/can-bo/tiep-nhan): online dossiers waiting at the officer's counters, oldest first, and the
 * way into a counter (walk-in or postal) intake.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../usePageTitle.ts';
import { LoadError, Loading, When } from './bits.tsx';
import { channelName, errorMessage } from './format.ts';
import { staffQueries } from './queries.ts';
import type { ReceptionQueueItem } from '../api/types.ts';

/** "Có thể trùng": earlier dossiers for the same subject still standing (src/core/dossiers/duplicates.ts), each a link. */
function DuplicateFlag({ item }: { item: ReceptionQueueItem }) {
  const { t } = useTranslation();
  if (item.possibleDuplicates.length === 0) return null;
  return (
    <span className="duplicate-flag" data-testid="duplicate-flag">
      <strong>{t('staff.queue.possibleDuplicate')}</strong>{' '}
      {item.possibleDuplicates.map((x, i) => (
        <span key={x.id}>
          {i > 0 && ', '}
          <Link to={`/can-bo/ho-so/${x.id}`}>{t('staff.queue.duplicateOf', { code: x.code })}</Link>
        </span>
      ))}
      {item.duplicateAcknowledged && <span className="cell-note">{t('staff.queue.duplicateAcknowledged')}</span>}
      <Link to={`/can-bo/ho-so/${item.id}?trung=${encodeURIComponent(item.possibleDuplicates[0].code)}`} className="duplicate-refuse">
        {t('staff.queue.refuseDuplicate')}
      </Link>
    </span>
  );
}

export function ReceptionQueuePage() {
  const { t } = useTranslation();
  const heading = usePageTitle(t('staff.queue.title'));
  const query = useQuery(staffQueries.queue());
  const items = query.data?.items ?? null;
  const error = query.error ? errorMessage(query.error, t('error.generic')) : null;
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        {t('staff.queue.title')}
      </h1>
      <p className="lead">{t('staff.queue.lead')}</p>
      <p>
        <Link to="/can-bo/tiep-nhan/tai-quay" className="button button-primary">
          {t('staff.queue.startIntake')}
        </Link>
      </p>
      <h2>{t('staff.queue.onlineHeading')}</h2>
      {error && <LoadError message={error} />}
      {!items && !error && <Loading />}
      {items && (
        <>
          <p role="status" className="result-count">
            {items.length === 0 ? t('staff.queue.none') : t('staff.queue.count', { count: items.length })}
          </p>
          {items.length > 0 && (
            <table className="table responsive-table" aria-label={t('staff.queue.tableLabel')}>
              <thead>
                <tr>
                  <th scope="col">{t('staff.col.code')}</th>
                  <th scope="col">{t('staff.col.procedure')}</th>
                  <th scope="col">{t('staff.col.applicant')}</th>
                  <th scope="col">{t('staff.col.submittedAt')}</th>
                  <th scope="col">{t('staff.col.state')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => (
                  <tr key={d.id}>
                    <td data-label={t('staff.col.code')}>
                      <Link to={`/can-bo/ho-so/${d.id}`} className="dossier-link">
                        {d.code}
                      </Link>
                      <DuplicateFlag item={d} />
                    </td>
                    <td data-label={t('staff.col.procedure')}>{d.procedureName}</td>
                    <td data-label={t('staff.col.applicant')}>{d.applicantName}</td>
                    <td data-label={t('staff.col.submittedAt')}>
                      <When at={d.submittedAt} />
                    </td>
                    <td data-label={t('staff.col.state')}>
                      {d.subState === 'completion_requested' ? t('staff.queue.completionRequested') : t('staff.queue.waiting')}
                      <span className="cell-note">{channelName(t, d.channel)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
